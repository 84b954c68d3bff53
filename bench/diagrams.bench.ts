/**
 * npm run bench — how long diagram generation takes, as medians over repeated runs in one process
 * and as whole CLI invocations. Reports numbers; asserts nothing (timing is not a test).
 */
import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { discoverRegistry } from '../src/architecture/discover';
import { layoutDiagram } from '../src/layout/layout';
import { diagramSpec, traceArchitecture } from '../src/pipeline';
import { renderSvg } from '../src/render/render';

tf.env().set('PROD', true);
const ROOT = resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (ms: number) => `${ms.toFixed(1).padStart(8)} ms`;

const registry = await discoverRegistry(ROOT);
const stages = { trace: [] as number[], layout: [] as number[], render: [] as number[], total: [] as number[] };
for (let run = 0; run < RUNS + 1; run++) {
  const t = { trace: 0, layout: 0, render: 0 };
  const start = performance.now();
  for (const architecture of registry.architectures) {
    let mark = performance.now();
    const graph = traceArchitecture(architecture);
    t.trace += performance.now() - mark;
    for (const view of architecture.views) {
      mark = performance.now();
      const positioned = await layoutDiagram(diagramSpec(architecture, view, graph));
      t.layout += performance.now() - mark;
      mark = performance.now();
      renderSvg(positioned);
      t.render += performance.now() - mark;
    }
  }
  if (run === 0) continue; // warm-up: module loading and JIT
  stages.trace.push(t.trace);
  stages.layout.push(t.layout);
  stages.render.push(t.render);
  stages.total.push(performance.now() - start);
}
const diagrams = registry.architectures.reduce((n, a) => n + a.views.length, 0);
console.log(`In-process regeneration of all ${diagrams} diagrams (${registry.architectures.length} architectures), median of ${RUNS} runs:`);
for (const [stage, times] of Object.entries(stages))
  console.log(`  ${stage.padEnd(7)}${fmt(median(times))}   (${((median(times) / median(stages.total)) * 100).toFixed(0)}% of total)`);

// Whole commands, as a user runs them: process start, discovery, fingerprints, generation, writes.
const project = await mkdtemp(join(tmpdir(), 'runnable-zoo-bench-'));
await cp(join(ROOT, 'src'), join(project, 'src'), { recursive: true });
await cp(join(ROOT, 'diagrams'), join(project, 'diagrams'), { recursive: true });
await symlink(join(ROOT, 'node_modules'), join(project, 'node_modules'));
const tsx = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const timeCommand = (args: string[]) => {
  const start = performance.now();
  const result = spawnSync(process.execPath, [tsx, join(project, 'src/cli/main.ts'), ...args], { cwd: project, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`diagrams ${args.join(' ')} failed: ${result.stderr}`);
  return performance.now() - start;
};
const forced = Array.from({ length: Math.min(RUNS, 5) }, () => timeCommand(['--force']));
const fresh = Array.from({ length: Math.min(RUNS, 5) }, () => timeCommand([]));
await rm(project, { recursive: true, force: true });
console.log(`\nWhole command, median of ${forced.length} runs:`);
console.log(`  npm run diagrams -- --force  ${fmt(median(forced))}   (regenerates all ${diagrams})`);
console.log(`  npm run diagrams             ${fmt(median(fresh))}   (all fresh: fingerprints only)`);
console.log(`  ratio forced / fresh         ${(median(forced) / median(fresh)).toFixed(2)}×`);
