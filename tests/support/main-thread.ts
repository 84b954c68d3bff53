/**
 * How much main-thread CPU a page's tasks use, read from a Chromium trace.
 *
 * A page feels frozen while its main thread runs one long task. The Long Tasks API reports a task's
 * wall time, which on a busy machine is mostly time the thread spent waiting for a core (a demo's
 * worker, another test, another job): a 55 ms task measured 423 ms there. The trace's thread time
 * (`tdur`, CPU time of the thread during the task, from the OS's per-thread clock) does not grow
 * with load, so the tests assert on it, and wall-clock figures stay in the bench (bench/).
 *
 * Tracing is browser-wide and Chromium allows one session at a time, so trace a browser no other
 * test uses meanwhile (`withOwnBrowser` in tests/support/site-browser.ts).
 */
import type { Page } from 'playwright-core';

/** Categories with the renderer's `RunTask` events (thread time included) and the frames' processes. */
export const MAIN_THREAD_TRACE_CATEGORIES: readonly string[] = ['devtools.timeline', 'disabled-by-default-devtools.timeline'];

export interface MainThreadTask {
  /** CPU time of the main thread during the task, in ms (`tdur`; its wall time when the trace has none). */
  cpu: number;
  /** Wall time of the task, in ms (`dur`): for messages only, never for assertions. */
  wall: number;
  /** Trace timestamp of the task's start, in µs. */
  ts: number;
  /** What took its time: the longest events inside it ("UpdateLayoutTree 40.1 ms"), for messages only. */
  inside: string[];
}

export interface MainThreadProfile {
  /** Every task the renderer main thread(s) of the traced pages ran, in trace order. */
  tasks: MainThreadTask[];
  /** The task that used the most CPU (undefined if there was none). */
  longest: MainThreadTask | undefined;
}

interface TraceEvent {
  name?: string;
  ph?: string;
  pid?: number;
  tid?: number;
  ts?: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { frames?: { processId?: number; url?: string }[]; processId?: number; url?: string } };
}

/**
 * The main-thread tasks of the renderer processes showing a page under `origin`, from a trace in
 * Chromium's JSON format (an object with `traceEvents`, or a bare array). Tasks are the `RunTask`
 * events on threads named `CrRendererMain`; the processes are those of the frames listed when
 * tracing started (`TracingStartedInBrowser`) or committed later (`FrameCommittedInBrowser`). A
 * task recorded without thread time (Chromium omits it for tasks of a few µs) counts its wall time,
 * an upper bound. Throws if no renderer of the origin, or no task of one, is in the trace: a
 * measurement that saw nothing must not pass as a fast page.
 */
export function mainThreadProfile(trace: unknown, origin: string): MainThreadProfile {
  const events: TraceEvent[] = Array.isArray(trace) ? trace : ((trace as { traceEvents?: TraceEvent[] })?.traceEvents ?? []);
  const pids = new Set<number>();
  for (const e of events) {
    const data = e.args?.data;
    if (e.name === 'TracingStartedInBrowser') {
      for (const f of data?.frames ?? []) if (f.url?.startsWith(origin) && f.processId !== undefined) pids.add(f.processId);
    } else if (e.name === 'FrameCommittedInBrowser' && data?.url?.startsWith(origin) && data.processId !== undefined) {
      pids.add(data.processId);
    }
  }
  if (pids.size === 0) throw new Error(`the trace names no renderer process showing a page of ${origin}`);
  const mainThreads = new Set(
    events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && pids.has(e.pid!)).map((e) => `${e.pid}:${e.tid}`),
  );
  const onMain = events.filter((e) => e.ph === 'X' && mainThreads.has(`${e.pid}:${e.tid}`));
  const tasks = onMain.filter((e) => e.name === 'RunTask').map((e) => ({ cpu: (e.tdur ?? e.dur ?? 0) / 1000, wall: (e.dur ?? 0) / 1000, ts: e.ts ?? 0, inside: [] as string[] }));
  if (tasks.length === 0) throw new Error(`the trace has no main-thread task of the renderer(s) ${[...pids].join(', ')} showing ${origin}`);
  const longest = tasks.reduce((a, b) => (b.cpu > a.cpu ? b : a));
  const end = longest.ts + longest.wall * 1000;
  longest.inside = onMain
    .filter((e) => e.name !== 'RunTask' && (e.ts ?? 0) >= longest.ts && (e.ts ?? 0) + (e.dur ?? 0) <= end)
    .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
    .slice(0, 6)
    .map((e) => `${e.name} ${((e.dur ?? 0) / 1000).toFixed(1)} ms`);
  return { tasks, longest };
}

/**
 * Starts tracing the browser showing `page` (no other test may trace that browser meanwhile: use a
 * browser of one's own) and returns a function that stops it and profiles the main thread of the
 * pages under `origin`. The trace goes through a CDP session of the page, so it lists the page's
 * frames and their processes from its start.
 */
export async function traceMainThread(page: Page, origin: string): Promise<() => Promise<MainThreadProfile>> {
  const cdp = await page.context().newCDPSession(page);
  const complete = new Promise<{ stream?: string; dataLossOccurred: boolean }>((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: [...MAIN_THREAD_TRACE_CATEGORIES], recordMode: 'recordUntilFull' },
    transferMode: 'ReturnAsStream',
    streamFormat: 'json',
  });
  return async () => {
    try {
      await cdp.send('Tracing.end');
      const { stream, dataLossOccurred } = await complete;
      if (!stream) throw new Error('Chromium returned no trace stream');
      // A full buffer drops events: a long task could be among them.
      if (dataLossOccurred) throw new Error('the trace buffer overflowed: the profile would be incomplete');
      const chunks: Buffer[] = [];
      for (;;) {
        const { data, eof, base64Encoded } = await cdp.send('IO.read', { handle: stream, size: 1 << 22 });
        chunks.push(Buffer.from(data, base64Encoded ? 'base64' : 'utf8'));
        if (eof) break;
      }
      await cdp.send('IO.close', { handle: stream });
      return mainThreadProfile(JSON.parse(Buffer.concat(chunks).toString('utf8')), origin);
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  };
}

/** "412.3 ms of CPU (in a task of 1830.0 ms wall time)": for assertion messages. */
export const describeTask = (task: MainThreadTask | undefined): string =>
  task ? `${task.cpu.toFixed(1)} ms of CPU (in a task of ${task.wall.toFixed(1)} ms wall time${task.inside.length > 0 ? `: ${task.inside.join(', ')}` : ''})` : 'no task';
