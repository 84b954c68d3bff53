/**
 * Child process: times the Graphviz that ships inside an npm package (@hpcc-js/wasm-graphviz, dot
 * layout to SVG) on one DOT file, so the comparison runs on a machine without Graphviz installed.
 * By hand: tsx bench/graphviz-wasm-child.ts --dot /tmp/p.dot
 */
import { Graphviz } from '@hpcc-js/wasm-graphviz';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { emit } from './protocol';
import { countedRuns, runPlanFrom } from './run-loop';

const { values } = parseArgs({ options: { dot: { type: 'string' }, runs: { type: 'string' }, budget: { type: 'string' } } });
if (!values.dot) throw new Error('usage: graphviz-wasm-child.ts --dot FILE [--runs N] [--budget MS]');
const source = readFileSync(values.dot, 'utf8');

const graphviz = await Graphviz.load();
// Warm-up, not counted: the same kinds of statement as ours (clusters, compound edges) on two cells.
graphviz.dot('digraph w { compound=true; subgraph cluster_a { a } subgraph cluster_b { b } a -> b [ltail=cluster_a, lhead=cluster_b] }', 'svg');
emit({ kind: 'ready' });
await countedRuns(runPlanFrom(values), async () => {
  emit({ kind: 'stage', stage: 'dot', done: {} });
  const start = performance.now();
  const startCpu = process.cpuUsage();
  graphviz.dot(source, 'svg');
  const used = process.cpuUsage(startCpu);
  return { wall: { dot: performance.now() - start }, cpu: { dot: (used.user + used.system) / 1000 } };
}, (run) => emit({ kind: 'run', run }));
