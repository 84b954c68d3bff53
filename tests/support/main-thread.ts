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
 * test uses meanwhile (`withOwnBrowser` in tests/support/site-browser.ts). The page marks where its
 * traced time starts and ends (`console.timeStamp`), so that whatever starting and flushing the
 * trace asks of the renderer's main thread is not counted as the page's: no reader's page runs it.
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
  /** Whether it drew: ran an animation frame, or restyled, laid out or painted the page. */
  drew: boolean;
}

export interface MainThreadProfile {
  /** Every task the renderer main thread(s) of the traced pages ran, in trace order. */
  tasks: MainThreadTask[];
  /** The task that used the most CPU (undefined if there was none). */
  longest: MainThreadTask | undefined;
  /** The task that drew and used the most CPU (undefined if none drew). */
  longestDrawing: MainThreadTask | undefined;
}

/** Trace events of the page drawing: its animation frames, and restyling, laying out and painting. */
const DRAWING = new Set(['FireAnimationFrame', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint']);

/** The marks (`console.timeStamp`) between which a traced page's tasks count. */
export const TRACE_START = 'runnable-zoo: traced from here';
export const TRACE_END = 'runnable-zoo: traced until here';

interface TraceEvent {
  name?: string;
  ph?: string;
  pid?: number;
  tid?: number;
  ts?: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { frames?: { processId?: number; url?: string }[]; processId?: number; url?: string; message?: string } };
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
  // Between the page's own marks where it made them: what tracing asks of the main thread as it starts
  // and as it flushes its events is no work of the page's.
  const stamp = (message: string) => events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === message && mainThreads.has(`${e.pid}:${e.tid}`))?.ts;
  const [from, to] = [stamp(TRACE_START) ?? -Infinity, stamp(TRACE_END) ?? Infinity];
  const tasks: MainThreadTask[] = onMain
    .filter((e) => e.name === 'RunTask' && (e.ts ?? 0) >= from && (e.ts ?? 0) < to)
    .map((e) => ({ cpu: (e.tdur ?? e.dur ?? 0) / 1000, wall: (e.dur ?? 0) / 1000, ts: e.ts ?? 0, inside: [], drew: false }))
    .sort((a, b) => a.ts - b.ts);
  if (tasks.length === 0) throw new Error(`the trace has no main-thread task of the renderer(s) ${[...pids].join(', ')} showing ${origin}`);
  // Each event inside a task (a thread's tasks do not overlap): found by the last task starting before it.
  const within = (e: TraceEvent): MainThreadTask | undefined => {
    const ts = e.ts ?? 0;
    let [lo, hi] = [0, tasks.length - 1];
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (tasks[mid]!.ts <= ts) lo = mid;
      else hi = mid - 1;
    }
    const task = tasks[lo]!;
    return task.ts <= ts && ts + (e.dur ?? 0) <= task.ts + task.wall * 1000 ? task : undefined;
  };
  const inner = onMain.filter((e) => e.name !== 'RunTask').map((e) => ({ e, task: within(e) }));
  for (const { e, task } of inner) if (task && DRAWING.has(e.name ?? '')) task.drew = true;
  const most = (list: MainThreadTask[]) => (list.length === 0 ? undefined : list.reduce((a, b) => (b.cpu > a.cpu ? b : a)));
  const [longest, longestDrawing] = [most(tasks)!, most(tasks.filter((t) => t.drew))];
  for (const task of new Set([longest, longestDrawing])) {
    if (!task) continue;
    task.inside = inner
      .filter((i) => i.task === task)
      .sort((a, b) => (b.e.dur ?? 0) - (a.e.dur ?? 0))
      .slice(0, 6)
      .map(({ e }) => `${e.name} ${((e.dur ?? 0) / 1000).toFixed(1)} ms`);
  }
  return { tasks, longest, longestDrawing };
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
  await page.evaluate((mark) => console.timeStamp(mark), TRACE_START);
  return async () => {
    try {
      await page.evaluate((mark) => console.timeStamp(mark), TRACE_END);
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
