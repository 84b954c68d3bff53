/**
 * npm run bench — how long our diagram pipeline takes, stage by stage, next to Graphviz laying out
 * and drawing the same graphs (native dot where installed, and the wasm build that npm installs),
 * for every committed diagram and for bigger networks; then whole CLI commands. Prints a progress
 * line per graph and tool, the tables, and writes them with the machine's description to
 * bench/REPORT.md. Reports numbers; asserts nothing (timing is not a test).
 */
import * as tf from '@tensorflow/tfjs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { discoverRegistry } from '../src/architecture/discover';
import { BENCH_ROOT } from './paths';
import { measureCli, type CliTimes } from './cli-times';
import { measureDemoPace } from './demo-pace';
import { formatMs, formatSummary } from './format';
import { benchGraphs } from './graphs';
import { findNativeDot, timeNativeDot } from './graphviz-native';
import { describeMachine, loadAverage } from './machine';
import { measureGraph } from './measure-graph';
import { parseBenchOptions, USAGE } from './options';
import { cliTable, ratioTable, reportMarkdown, resultsTable } from './report';
import { stageTimes, type GraphResult, type ToolResult } from './results';
import { summarise } from './stats';

tf.env().set('PROD', true);

const options = (() => {
  try {
    return parseBenchOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`bench: ${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
})();
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
const started = performance.now();
const loadBefore = loadAverage();
const registry = await discoverRegistry(BENCH_ROOT);
const all = benchGraphs(registry);
const graphs = all.filter(
  (g) => (options.set === 'all' || g.scaled === (options.set === 'scaled')) && (options.only.length === 0 || options.only.some((text) => g.name.includes(text))),
);
if (graphs.length === 0) throw new Error(`no bench graph matches (known: ${all.map((g) => g.name).join(', ')})`);
const nativeDot = options.native ? findNativeDot() : undefined;
const machine = await describeMachine(options.native ? nativeDot : 'left out (--no-native)');
const settings = { runs: options.runs, budgetMs: options.budgetMs, runMs: options.runMs };
const plan = { runs: options.runs, budgetMs: options.budgetMs };

console.log(`${machine.cpu}, ${machine.cores} cores, ${machine.memory}, Node ${machine.node}; load average ${loadBefore}`);
console.log(`Graphviz: native ${machine.nativeGraphviz}; wasm ${machine.wasmGraphviz}`);
console.log(`${graphs.length} graph${graphs.length === 1 ? '' : 's'}, up to ${options.runs} counted run${options.runs === 1 ? '' : 's'} per tool, ${formatMs(options.budgetMs)} budget, ${formatMs(options.runMs)} limit per run\n`);

const workDir = await mkdtemp(join(tmpdir(), 'runnable-zoo-bench-dot-'));
const results: GraphResult[] = [];
let nativeStartup: ToolResult | undefined;
try {
  if (nativeDot) {
    // What every native figure includes besides the work itself: starting the dot process.
    await writeFile(join(workDir, 'empty.dot'), 'digraph empty {}');
    nativeStartup = await timeNativeDot(nativeDot, join(workDir, 'empty.dot'), plan, options.runMs);
    const startup = summarise(stageTimes(nativeStartup, 'dot'));
    if (startup) console.log(`native dot start-up (empty graph): ${formatSummary(startup)}\n`);
  }
  const measure = { plan, runMs: options.runMs, ...(nativeDot ? { nativeDot } : {}), workDir, log: (line: string) => console.log(line) };
  for (const [index, graph] of graphs.entries()) results.push(await measureGraph(graph, index, graphs.length, measure));
} finally {
  await rm(workDir, { recursive: true, force: true });
}

let cli: CliTimes | undefined;
if (options.cli) {
  console.log('\nwhole commands (npm run diagrams) in a temporary copy …');
  cli = await measureCli({ runs: Math.min(options.runs, 5), budgetMs: options.budgetMs }, options.runMs);
}

let demos: string | undefined;
if (options.demos) {
  console.log(`\nevery demo in headless Chromium, ${options.demoRuns} fresh page${options.demoRuns === 1 ? '' : 's'} each …`);
  demos = (await measureDemoPace({ runs: options.demoRuns, log: (line) => console.log(line) })).table;
}

console.log(`\n${resultsTable(results, settings)}\n\n${ratioTable(results)}`);
if (cli) console.log(`\n${cliTable(cli)}`);
if (demos) console.log(`\n${demos}`);

const complete = graphs.length === all.length && options.cli && options.demos;
const reportPath = options.report ? resolve(options.report) : complete ? join(BENCH_ROOT, 'bench', 'REPORT.md') : undefined;
if (reportPath) {
  const report = reportMarkdown({
    date: new Date().toISOString().slice(0, 10),
    command: ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2).map((a) => (/^[\w./=-]+$/.test(a) ? a : JSON.stringify(a)))] : [])].join(' '),
    ...(options.note ? { note: options.note } : {}),
    machine,
    loadBefore,
    loadAfter: loadAverage(),
    settings,
    results,
    ...(cli ? { cli } : {}),
    ...(demos ? { demos, demoRuns: options.demoRuns } : {}),
    ...(nativeStartup ? { nativeStartup } : {}),
    minutes: (performance.now() - started) / 60_000,
  });
  await writeFile(reportPath, report);
  console.log(`\nreport written to ${relative(process.cwd(), reportPath)}`);
} else console.log('\nno report written: a partial run (pass --report FILE to write one)');
