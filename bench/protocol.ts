/**
 * What a measuring child process tells the bench, one line each on stdout. Lines without the prefix
 * (a library's own chatter) are ignored, so a child can also be run by hand and read.
 */
export type ChildEvent =
  /** Loading and warm-up are done: from now on every run is counted. */
  | { readonly kind: 'ready' }
  /** A stage of the current run starts; `done` holds this run's finished stages (ms). */
  | { readonly kind: 'stage'; readonly stage: string; readonly done: Readonly<Record<string, number>> }
  /** One counted run: each stage in milliseconds of wall-clock and of CPU time. */
  | { readonly kind: 'run'; readonly run: Run }
  /** What is drawn: cells and edges (a bundle counts once), read from the view or from layout. */
  | { readonly kind: 'size'; readonly nodes: number; readonly edges: number; readonly from: DrawnSource }
  /** The DOT file was written from this source. */
  | { readonly kind: 'dot'; readonly from: DrawnSource };

export type DrawnSource = 'view' | 'layout';

/**
 * One counted run, stage → ms. Wall-clock time is what a user waits; CPU time (user + system) counts
 * only the work, so it holds up better on a machine shared with other jobs.
 */
export interface Run {
  readonly wall: Readonly<Record<string, number>>;
  readonly cpu: Readonly<Record<string, number>>;
}

const PREFIX = '@@bench ';

export function emit(event: ChildEvent): void {
  process.stdout.write(`${PREFIX}${JSON.stringify(event)}\n`);
}

const KINDS: ReadonlySet<string> = new Set(['ready', 'stage', 'run', 'size', 'dot']);

/** The event on a line of a child's output, or undefined for any other line. */
export function parseEvent(line: string): ChildEvent | undefined {
  if (!line.startsWith(PREFIX)) return undefined;
  const value: unknown = JSON.parse(line.slice(PREFIX.length));
  if (typeof value !== 'object' || value === null || !('kind' in value) || typeof value.kind !== 'string' || !KINDS.has(value.kind))
    throw new Error(`malformed bench event: ${line}`);
  // Both ends are this folder's code; the kind check above catches a line from anything else.
  return value as ChildEvent;
}
