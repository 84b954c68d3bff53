import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { BENCH_ROOT } from './paths';
import { parseEvent, type ChildEvent, type Run } from './protocol';

/** How a measuring child process ended early, if it did. */
export interface Stopped {
  /** For a person: "render did not finish in 120 s", "failed in layout: …". */
  readonly reason: string;
  /** True when it was stopped for taking too long, false when it failed by itself. */
  readonly timedOut: boolean;
  /** The stage it was in, the stages of that run already done (ms), and how long it had been in it. */
  readonly stage?: string;
  readonly done?: Readonly<Record<string, number>>;
  readonly stageMs?: number;
}

export interface ChildResult {
  readonly runs: readonly Run[];
  readonly events: readonly ChildEvent[];
  readonly stopped?: Stopped;
}

export interface ChildLimits {
  /** Longest a single counted run may take before the child is killed. */
  readonly runMs: number;
  /** Longest loading and warm-up may take (TensorFlow.js and the Graphviz wasm load in seconds). */
  readonly startupMs: number;
}

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/**
 * Runs one bench child (a TypeScript file in this folder) and collects its events. A run that takes
 * longer than the limit gets the child killed, and the result says which stage did not finish, so no
 * graph can hang the bench.
 */
export function runChild(script: string, args: readonly string[], limits: ChildLimits, onEvent: (event: ChildEvent) => void = () => {}): Promise<ChildResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(BENCH_ROOT, 'bench', script), ...args], {
    cwd: BENCH_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const runs: Run[] = [];
  const events: ChildEvent[] = [];
  let stderrTail = '';
  let current: { stage: string; done: Readonly<Record<string, number>>; since: number } | undefined;
  let timedOut: Stopped | undefined;
  let watchdog: NodeJS.Timeout | undefined;

  const arm = (ms: number, what: () => string) => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => {
      timedOut = current
        ? { reason: `${what()} did not finish in ${seconds(ms)}`, timedOut: true, stage: current.stage, done: current.done, stageMs: performance.now() - current.since }
        : { reason: `${what()} did not finish in ${seconds(ms)}`, timedOut: true };
      child.kill('SIGKILL');
    }, ms);
  };
  arm(limits.startupMs, () => 'loading and warm-up');

  createInterface({ input: child.stdout }).on('line', (line) => {
    const event = parseEvent(line);
    if (!event) return;
    events.push(event);
    if (event.kind === 'ready') arm(limits.runMs, () => current?.stage ?? 'a run');
    if (event.kind === 'stage') current = { stage: event.stage, done: event.done, since: performance.now() };
    if (event.kind === 'run') {
      runs.push(event.run);
      current = undefined;
      arm(limits.runMs, () => current?.stage ?? 'a run');
    }
    onEvent(event);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString()).slice(-4000);
  });

  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(watchdog);
      if (timedOut) return done({ runs, events, stopped: timedOut });
      if (code === 0) return done({ runs, events });
      const where = current ? `in ${current.stage}` : runs.length === 0 ? 'before its first run' : 'between runs';
      const lastLine = stderrTail.trim().split('\n').filter((l) => l.trim() !== '').at(-1) ?? `exit ${code ?? signal}`;
      done({ runs, events, stopped: { reason: `failed ${where}: ${lastLine.trim().slice(0, 160)}`, timedOut: false, ...(current ? { stage: current.stage } : {}) } });
    });
  });
}
