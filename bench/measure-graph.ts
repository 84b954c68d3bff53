import { join } from 'node:path';
import { runChild, type ChildLimits, type ChildResult } from './child-process';
import { formatCount, formatSummary } from './format';
import type { BenchGraph } from './graphs';
import { timeNativeDot, type NativeDot } from './graphviz-native';
import type { ChildEvent, DrawnSource } from './protocol';
import { stageTimes, type GraphResult, type ToolResult } from './results';
import type { RunPlan } from './run-loop';
import { summarise } from './stats';

export interface MeasureSettings {
  readonly plan: RunPlan;
  /** Longest one counted run of any tool may take (ms). */
  readonly runMs: number;
  readonly nativeDot?: NativeDot;
  /** Folder for the DOT files handed to Graphviz. */
  readonly workDir: string;
  readonly log: (line: string) => void;
}

const STARTUP_MS = 90_000;

const planArgs = (plan: RunPlan) => ['--runs', String(plan.runs), '--budget', String(plan.budgetMs)];

function lastOf<K extends ChildEvent['kind']>(events: readonly ChildEvent[], kind: K): Extract<ChildEvent, { kind: K }> | undefined {
  return events.filter((e): e is Extract<ChildEvent, { kind: K }> => e.kind === kind).at(-1);
}

function describe(tool: string, result: ToolResult, stage: string): string {
  const summary = summarise(stageTimes(result, stage));
  const timing = summary ? `${formatSummary(summary)}, ${summary.n} run${summary.n === 1 ? '' : 's'}` : '';
  const note = result.skipped ?? result.stopped?.reason ?? '';
  return `      ${tool.padEnd(14)}${[timing, note].filter(Boolean).join('; ')}`;
}

const toolResult = (child: ChildResult): ToolResult => ({ runs: child.runs, ...(child.stopped ? { stopped: child.stopped } : {}) });

/**
 * One graph through every tool, each in its own process with a time limit: our pipeline (which also
 * writes the DOT), native dot if installed, and the wasm Graphviz. Logs a line per tool as it ends.
 */
export async function measureGraph(graph: BenchGraph, index: number, count: number, settings: MeasureSettings): Promise<GraphResult> {
  const { plan, runMs, nativeDot, workDir, log } = settings;
  const limits: ChildLimits = { runMs, startupMs: STARTUP_MS };
  const dotFile = join(workDir, `${index}.dot`);
  log(`[${String(index + 1).padStart(String(count).length)}/${count}] ${graph.name}`);

  const ours = await runChild('pipeline-child.ts', ['--graph', graph.name, '--dot', dotFile, ...planArgs(plan)], limits, (event) => {
    if (event.kind === 'size' && event.from === 'view') log(`      ${formatCount(event.nodes)} cells, ${formatCount(event.edges)} edges drawn`);
  });
  log(describe('ours (total)', toolResult(ours), 'total'));
  let events = ours.events;
  if (!lastOf(events, 'dot')) {
    // Our layout did not finish, so no positioned diagram: Graphviz gets the view instead.
    const exported = await runChild('pipeline-child.ts', ['--graph', graph.name, '--dot', dotFile, '--export-only'], { runMs, startupMs: STARTUP_MS + runMs });
    events = [...events, ...exported.events];
  }
  const size = lastOf(events, 'size');
  const drawnFrom: DrawnSource | undefined = lastOf(events, 'dot')?.from;

  const noDot = { runs: [], skipped: 'no DOT: the graph could not be exported' };
  const native: ToolResult = !drawnFrom
    ? noDot
    : nativeDot
      ? await timeNativeDot(nativeDot, dotFile, plan, runMs)
      : { runs: [], skipped: 'not run: no native dot (not installed, or --no-native)' };
  log(describe('dot (native)', native, 'dot'));
  const wasm: ToolResult = drawnFrom ? toolResult(await runChild('graphviz-wasm-child.ts', ['--dot', dotFile, ...planArgs(plan)], limits)) : noDot;
  log(describe('dot (wasm)', wasm, 'dot'));

  return {
    name: graph.name,
    scaled: graph.scaled,
    ...(size ? { nodes: size.nodes, edges: size.edges } : {}),
    ...(drawnFrom ? { drawnFrom } : {}),
    ours: toolResult(ours),
    native,
    wasm,
  };
}
