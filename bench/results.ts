import type { Stopped } from './child-process';
import type { DrawnSource, Run } from './protocol';

/** Counted runs of one tool on one graph, and why it stopped early if it did. */
export interface ToolResult {
  readonly runs: readonly Run[];
  readonly stopped?: Stopped;
  /** Why it was not run at all (no native Graphviz here, no DOT to give it). */
  readonly skipped?: string;
}

export interface GraphResult {
  readonly name: string;
  readonly scaled: boolean;
  /** Drawn cells and drawn edges (a bundle counts once), as Graphviz got them. */
  readonly nodes?: number;
  readonly edges?: number;
  /** Where the DOT came from: the positioned diagram, or the view when our layout did not finish. */
  readonly drawnFrom?: DrawnSource;
  readonly ours: ToolResult;
  readonly native: ToolResult;
  readonly wasm: ToolResult;
}

/** Our stages, in pipeline order; `total` is their sum per run. */
export const OUR_STAGES = ['trace', 'view', 'layout', 'render'] as const;

/** The part of our work that Graphviz also does (place and draw a given graph): layout + render. */
const comparableMs = (stages: Readonly<Record<string, number>>): number => (stages.layout ?? 0) + (stages.render ?? 0);

export type Clock = keyof Run;

/** One stage's time in every counted run that measured it (`total`: the sum of our stages). */
export function stageTimes(result: ToolResult, stage: string, clock: Clock = 'wall'): number[] {
  return result.runs.flatMap((run) => {
    const times = run[clock];
    if (stage === 'total') return OUR_STAGES.every((s) => s in times) ? [OUR_STAGES.reduce((sum, s) => sum + times[s]!, 0)] : [];
    return times[stage] === undefined ? [] : [times[stage]];
  });
}

/** The comparable time (layout + render for us, the whole dot run for Graphviz) of every counted run. */
export function comparableTimes(result: ToolResult, clock: Clock): number[] {
  return result.runs.flatMap((run) => {
    const times = run[clock];
    if ('dot' in times) return [times.dot!];
    return 'layout' in times && 'render' in times ? [comparableMs(times)] : [];
  });
}

/**
 * When our run was stopped in layout or render, the comparable time it had already spent: a lower
 * bound, so "did not finish" can still say at least how many times slower than Graphviz it was.
 */
export function comparableLowerBound(result: ToolResult): number | undefined {
  const stopped = result.stopped;
  if (result.runs.length > 0 || !stopped?.stage || !stopped.done || stopped.stageMs === undefined) return undefined;
  if (stopped.stage !== 'layout' && stopped.stage !== 'render') return undefined;
  return comparableMs(stopped.done) + stopped.stageMs;
}
