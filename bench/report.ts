import { markdownTable } from 'markdown-table';
import type { CliTimes } from './cli-times';
import { formatCount, formatMs, formatRatio, formatSummary } from './format';
import type { Machine } from './machine';
import { comparableLowerBound, comparableTimes, OUR_STAGES, stageTimes, type Clock, type GraphResult, type ToolResult } from './results';
import { geometricMean, summarise } from './stats';

export interface BenchSettings {
  readonly runs: number;
  readonly budgetMs: number;
  readonly runMs: number;
}

const median = (times: readonly number[]) => summarise(times)?.median;

/** One timing cell: the summary of counted runs, or what became of the run that did not end. */
function stageCell(result: ToolResult, stage: string): string {
  const summary = summarise(stageTimes(result, stage));
  if (summary) return formatSummary(summary);
  if (result.skipped) return 'not run';
  const stopped = result.stopped;
  if (!stopped) return '—';
  if (stage === 'total' || stage === 'dot') return stopped.reason;
  if (stopped.done?.[stage] !== undefined) return formatMs(stopped.done[stage]);
  return stopped.stage === stage ? (stopped.timedOut ? 'did not finish' : 'failed') : '—';
}

/**
 * Ours (layout + render) over Graphviz in wall-clock time, then in CPU time; where one side did not
 * finish, a bound from the time it had run (wall-clock only: the limit is one).
 */
function ratioCell(ours: ToolResult, graphviz: ToolResult, runMs: number): string {
  const ourMedian = median(comparableTimes(ours, 'wall'));
  const theirMedian = median(comparableTimes(graphviz, 'wall'));
  if (ourMedian !== undefined && theirMedian !== undefined) {
    const ourCpu = median(comparableTimes(ours, 'cpu'));
    const theirCpu = median(comparableTimes(graphviz, 'cpu'));
    const cpu = ourCpu !== undefined && theirCpu !== undefined && theirCpu > 0 ? ` (cpu ${formatRatio(ourCpu / theirCpu)})` : '';
    return `${formatRatio(ourMedian / theirMedian)}${cpu}`;
  }
  const ourBound = comparableLowerBound(ours);
  if (ourBound !== undefined && theirMedian !== undefined) return `≥ ${formatRatio(ourBound / theirMedian)}`;
  if (ourMedian !== undefined && graphviz.stopped?.timedOut) return `≤ ${formatRatio(ourMedian / runMs)}`;
  return '—';
}

export function resultsTable(results: readonly GraphResult[], settings: BenchSettings): string {
  const header = ['graph', 'cells', 'edges', 'runs', ...OUR_STAGES, 'total', 'dot (native)', 'dot (wasm)', 'ours ÷ native', 'ours ÷ wasm'];
  const rows = results.map((r) => [
    r.name,
    r.nodes === undefined ? '—' : `${formatCount(r.nodes)}${r.drawnFrom === 'view' ? ' †' : ''}`,
    r.edges === undefined ? '—' : formatCount(r.edges),
    [r.ours, r.native, r.wasm].map((tool) => tool.runs.length).join(' · '),
    ...[...OUR_STAGES, 'total'].map((stage) => stageCell(r.ours, stage)),
    stageCell(r.native, 'dot'),
    stageCell(r.wasm, 'dot'),
    ratioCell(r.ours, r.native, settings.runMs),
    ratioCell(r.ours, r.wasm, settings.runMs),
  ]);
  return markdownTable([header, ...rows], { align: ['l', 'r', 'r', 'c', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'] });
}

/** Ratios over every graph that both sides finished: of the summed medians, and their geometric mean. */
function setRatio(results: readonly GraphResult[], tool: 'native' | 'wasm', clock: Clock): { ofSums: number; geometric: number; graphs: number } | undefined {
  const pairs = results.flatMap((r) => {
    const ours = median(comparableTimes(r.ours, clock));
    const theirs = median(comparableTimes(r[tool], clock));
    return ours !== undefined && theirs !== undefined && theirs > 0 ? [{ ours, theirs }] : [];
  });
  const geometric = geometricMean(pairs.map((p) => p.ours / p.theirs));
  if (geometric === undefined) return undefined;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return { ofSums: sum(pairs.map((p) => p.ours)) / sum(pairs.map((p) => p.theirs)), geometric, graphs: pairs.length };
}

export function ratioTable(results: readonly GraphResult[]): string {
  const sets: { name: string; members: readonly GraphResult[] }[] = [
    { name: 'committed diagrams', members: results.filter((r) => !r.scaled) },
    { name: 'scaled set', members: results.filter((r) => r.scaled) },
  ].filter((s) => s.members.length > 0);
  if (sets.length > 1) sets.push({ name: 'whole set', members: results });
  const cell = (members: readonly GraphResult[], tool: 'native' | 'wasm', clock: Clock) => {
    const ratio = setRatio(members, tool, clock);
    return ratio ? `${formatRatio(ratio.ofSums)} / ${formatRatio(ratio.geometric)} (${ratio.graphs} of ${members.length})` : '—';
  };
  return markdownTable([
    ['set', 'ours ÷ native, wall', 'ours ÷ native, cpu', 'ours ÷ wasm, wall', 'ours ÷ wasm, cpu'],
    ...sets.map((s) => [s.name, cell(s.members, 'native', 'wall'), cell(s.members, 'native', 'cpu'), cell(s.members, 'wasm', 'wall'), cell(s.members, 'wasm', 'cpu')]),
  ]);
}

export function cliTable(cli: CliTimes): string {
  const row = (command: string, what: string, result: ToolResult) => {
    const summary = summarise(stageTimes(result, 'command'));
    return [command, what, summary ? formatSummary(summary) : '—', String(result.runs.length), result.stopped?.reason ?? ''];
  };
  return markdownTable([
    ['command', 'what it does', 'median (min–max)', 'runs', 'note'],
    row('npm run diagrams -- --force', 'cold: regenerates and writes every committed diagram', cli.forced),
    row('npm run diagrams', 'no-op: everything fresh, fingerprints only', cli.fresh),
  ]);
}

export interface Report {
  readonly date: string;
  /** The command that wrote the report, options included. */
  readonly command: string;
  readonly note?: string;
  readonly machine: Machine;
  readonly loadBefore: string;
  readonly loadAfter: string;
  readonly settings: BenchSettings;
  readonly results: readonly GraphResult[];
  readonly cli?: CliTimes;
  /** The demo pace table (bench/demo-pace.ts) and how many runs each demo had. */
  readonly demos?: string;
  readonly demoRuns?: number;
  /** Native dot on an empty graph: the process start-up inside every native figure. */
  readonly nativeStartup?: ToolResult;
  readonly minutes: number;
}

const LEGEND = `Times are medians over the counted runs (**runs**: ours · native · wasm), with the fastest and slowest
in brackets; each tool runs in a process of its own after an uncounted warm-up. **trace** builds the
TensorFlow.js network and reads its graph, **view** decides what to draw, **layout** is ELK plus our
edge routing, **render** writes the SVG with svg.js on svgdom; **total** is their sum. **dot (native)**
is Graphviz's \`dot -Tsvg\` as a whole process (start-up included: see the machine table); **dot
(wasm)** is Graphviz compiled to WebAssembly, maybe another release (versions in the machine table),
(\`@hpcc-js/wasm-graphviz\`), timed in-process after loading. Both get the DOT of exactly what we draw
(\`src/export/dot.ts\`: one node per cell, a cluster per group, one edge per drawn edge, a bundle as one
edge between clusters; for a layers view \`src/export/layers-dot.ts\`: one node per drawn layer with its text,
a cluster per frame, one edge per tensor line, shape labels where ours has them; its **trace** builds the
canonical configuration, zero weights, and reads its layers). **ours ÷ …** compares our layout + render, the part Graphviz also does, with
Graphviz's time: above 1× we are slower; first in wall-clock time, then (cpu …) in CPU time, user +
system, which counts only the work and so holds up better on a busy machine (native dot's is read with
the shell's \`times\`, in 10 ms steps, so it is left out where it reads 0). "≥" is a lower bound where
our run was stopped, "≤" an upper bound where Graphviz was. † marks a graph whose DOT came from the view
because our layout did not finish.`;

export function reportMarkdown(report: Report): string {
  const { machine, settings } = report;
  const machineRows = [
    ['date', report.date],
    ['CPU', `${machine.cpu}, ${machine.cores} logical cores`],
    ['memory', machine.memory],
    ['OS', machine.os],
    ['Node.js', machine.node],
    ...Object.entries(machine.packages).map(([name, version]) => [name, version]),
    ['native Graphviz', machine.nativeGraphviz],
    ...(report.nativeStartup ? [['native dot start-up (empty graph)', stageCell(report.nativeStartup, 'dot')]] : []),
    ['wasm Graphviz', machine.wasmGraphviz],
    ['commit', machine.commit],
    ['load average (1 min) before / after', `${report.loadBefore} / ${report.loadAfter}`],
    ['settings', `up to ${settings.runs} counted runs a tool and graph; no new run once ${formatMs(settings.budgetMs)} are spent; a run stopped after ${formatMs(settings.runMs)}`],
    ['command', `\`${report.command}\``],
    ['bench took', `${report.minutes.toFixed(1)} min`],
  ];
  return [
    '# Diagram generation benchmark',
    '',
    'Written by `npm run bench` (bench/diagrams.bench.ts); re-run it to replace this file.',
    ...(report.note ? ['', `> ${report.note}`] : []),
    '',
    '## Machine',
    '',
    markdownTable([['', ''], ...machineRows]),
    '',
    '## Every graph: our pipeline against Graphviz on the same graph',
    '',
    LEGEND,
    '',
    resultsTable(report.results, settings),
    '',
    '## Ours ÷ Graphviz over a set',
    '',
    'Over the graphs both finished (how many, of how many, in brackets): the ratio of the summed medians, dominated by the largest graphs, then the geometric mean of the per-graph ratios, the typical graph. Wall-clock and CPU time each.',
    '',
    ratioTable(report.results),
    ...(report.cli ? ['', '## Whole commands', '', 'In a throwaway copy of the project, after one uncounted run of each.', '', cliTable(report.cli)] : []),
    ...(report.demos
      ? [
          '',
          '## Demos in the browser',
          '',
          `Every demo with its defaults and declared backend, in headless Chromium, ${report.demoRuns} fresh pages each (medians; bench/demo-pace.ts): from pressing Run to the progress bar's first move and to the first sign of learning before the result (an interim plot or a living-diagram frame), the whole run, signs of learning per second and the longest stretch without one.`,
          '',
          report.demos,
        ]
      : []),
    '',
  ].join('\n');
}
