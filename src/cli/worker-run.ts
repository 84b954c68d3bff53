import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { UsageError } from './args.ts';
import type { FullRun } from './diagrams.ts';
import type * as FullRunModule from './full-run.ts';

type CheckRun = Parameters<typeof FullRunModule.checkFull>[0];
type WriteRun = Parameters<typeof FullRunModule.writeFull>[0];
type OutRun = Parameters<typeof FullRunModule.writeOut>[0];

/** What crosses to the worker thread: the run's data, never its functions (output, lock). */
export type WorkerJob =
  | { readonly method: 'checkFull'; readonly run: Omit<CheckRun, 'out'> }
  | {
      readonly method: 'writeFull';
      readonly run: Omit<WriteRun, 'out' | 'lock' | 'started'> & { readonly lock: { readonly path: string; readonly text: string }; readonly elapsed: number };
    }
  | { readonly method: 'writeOut'; readonly run: Omit<OutRun, 'out' | 'started'> & { readonly elapsed: number } };

/** A failure carries its message, and whether it was a UsageError (the command then prints its usage). */
export type WorkerReply = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string; readonly usage?: boolean };

/** What the worker says it is doing (Output.status), before each long step. */
export interface WorkerStatus {
  readonly status: string;
}

/** A step running this long is reported, and again every REPORT_EVERY_S after: a run never sits silent. */
const STILL_AFTER_S = 10;
const REPORT_EVERY_S = 30;

let current: Worker | undefined;

/**
 * Runs one job of the full run in a worker thread and resolves with what it returns. The heavy steps
 * (importing tfjs, building networks, layout) are synchronous: in the main thread they would keep a
 * Ctrl-C or SIGTERM waiting until they end (issue: a run ignored `timeout 20` until SIGKILL). In a
 * worker they leave the main thread free to stop it at once (`stopWorker`) and clean up.
 */
async function inWorker(root: string, job: WorkerJob): Promise<unknown> {
  const worker = new Worker(new URL('./work-thread.ts', import.meta.url), { workerData: { root, job } });
  current = worker;
  let reply: WorkerReply | undefined;
  let failure: Error | undefined;
  let step: { doing: string; since: number; said: number } | undefined;
  worker.on('message', (message: WorkerReply | WorkerStatus) => {
    if ('status' in message) step = { doing: message.status, since: performance.now(), said: 0 };
    else reply = message;
  });
  worker.on('error', (error: Error) => (failure = error));
  // The main thread is free while the worker works: it says what a long step is, as it runs on.
  const watch = setInterval(() => {
    if (!step) return;
    const seconds = Math.floor((performance.now() - step.since) / 1000);
    if (seconds >= STILL_AFTER_S && seconds - step.said >= (step.said === 0 ? STILL_AFTER_S : REPORT_EVERY_S)) {
      step.said = seconds;
      console.log(`  working    still ${step.doing} (${seconds} s)`);
    }
  }, 1000);
  // Waiting for the thread to end, not only for its reply, lets its console output reach ours first.
  const [code] = (await once(worker, 'exit')) as [number];
  clearInterval(watch);
  current = undefined;
  if (failure) throw failure;
  if (!reply) throw new Error(`the worker thread of the run ended (code ${code}) without an answer`);
  if (!reply.ok) throw reply.usage ? new UsageError(reply.message) : new Error(reply.message);
  return reply.value;
}

/** The full run, each call in a worker thread of its own: what `npm run diagrams` uses. */
export function fullRunInWorker(root: string): FullRun {
  return {
    checkFull: async ({ out: _out, ...run }) => (await inWorker(root, { method: 'checkFull', run })) as Awaited<ReturnType<FullRun['checkFull']>>,
    writeFull: async ({ out: _out, lock, started, ...run }) =>
      (await inWorker(root, { method: 'writeFull', run: { ...run, lock: { path: lock.path, text: lock.text }, elapsed: performance.now() - started } })) as number,
    writeOut: async ({ out: _out, started, ...run }) => (await inWorker(root, { method: 'writeOut', run: { ...run, elapsed: performance.now() - started } })) as number,
  };
}

/** Stops the run's worker thread at once, whatever it is doing (V8 terminates even a busy loop). */
export async function stopWorker(): Promise<void> {
  const worker = current;
  current = undefined;
  if (worker) await worker.terminate();
}
