/**
 * The main-thread profile the browser tests assert on (tests/support/main-thread.ts), read from
 * synthetic traces in Chromium's format: no browser is started here.
 */
import { describe, expect, it } from 'vitest';
import { describeTask, mainThreadProfile, TRACE_END, TRACE_START } from '../support/main-thread';

const ORIGIN = 'http://127.0.0.1:4321';
const PAGE = 10;
const OTHER_PAGE = 20;
const BROWSER = 1;

const thread = (pid: number, tid: number, name: string) => ({ ph: 'M', name: 'thread_name', pid, tid, ts: 0, args: { name } });
const task = (pid: number, tid: number, ts: number, durMs: number, tdurMs?: number) => ({
  ph: 'X',
  name: 'RunTask',
  cat: 'disabled-by-default-devtools.timeline',
  pid,
  tid,
  ts,
  dur: durMs * 1000,
  ...(tdurMs === undefined ? {} : { tdur: tdurMs * 1000 }),
});
const started = (frames: { processId: number; url: string }[]) => ({ ph: 'I', name: 'TracingStartedInBrowser', pid: BROWSER, tid: 1, ts: 0, args: { data: { frames } } });

const TRACE = [
  started([
    { processId: PAGE, url: `${ORIGIN}/architectures/minimal-gru/` },
    { processId: OTHER_PAGE, url: 'https://example.org/' },
  ]),
  thread(PAGE, PAGE, 'CrRendererMain'),
  thread(PAGE, 11, 'DedicatedWorker thread'),
  thread(OTHER_PAGE, OTHER_PAGE, 'CrRendererMain'),
  thread(BROWSER, BROWSER, 'CrBrowserMain'),
  // A task that waited for a core: 423 ms of wall time, 5 ms of CPU.
  task(PAGE, PAGE, 100, 423, 5),
  task(PAGE, PAGE, 200, 60, 48),
  // Too short for Chromium to record thread time: its wall time counts.
  task(PAGE, PAGE, 300, 0.004),
  // Not the page's main thread: its worker, another page's renderer, the browser process.
  task(PAGE, 11, 400, 900, 880),
  task(OTHER_PAGE, OTHER_PAGE, 500, 700, 650),
  task(BROWSER, BROWSER, 600, 300, 290),
  // Not a task: work inside one (named in messages), and a call running past the end of any.
  { ph: 'X', name: 'UpdateLayoutTree', pid: PAGE, tid: PAGE, ts: 210, dur: 30_000, tdur: 29_000 },
  { ph: 'X', name: 'FunctionCall', pid: PAGE, tid: PAGE, ts: 700, dur: 500_000, tdur: 500_000 },
];

describe('mainThreadProfile', () => {
  it('measures the CPU time of each task of the page’s renderer main thread, not its wall time', () => {
    const { tasks, longest, longestDrawing } = mainThreadProfile({ traceEvents: TRACE }, ORIGIN);
    expect(tasks.map(({ cpu, wall, ts }) => ({ cpu, wall, ts }))).toEqual([
      { cpu: 5, wall: 423, ts: 100 },
      { cpu: 48, wall: 60, ts: 200 },
      { cpu: 0.004, wall: 0.004, ts: 300 },
    ]);
    expect(longest).toEqual({ cpu: 48, wall: 60, ts: 200, inside: ['UpdateLayoutTree 30.0 ms'], drew: true });
    expect(longestDrawing).toBe(longest);
    expect(describeTask(longest)).toBe('48.0 ms of CPU (in a task of 60.0 ms wall time: UpdateLayoutTree 30.0 ms)');
  });

  it('follows a page to the renderer it navigated to after tracing started', () => {
    const NEW = 30;
    const trace = [
      ...TRACE,
      { ph: 'I', name: 'FrameCommittedInBrowser', pid: BROWSER, tid: 1, ts: 800, args: { data: { processId: NEW, url: `${ORIGIN}/architectures/lstm/` } } },
      thread(NEW, NEW, 'CrRendererMain'),
      task(NEW, NEW, 900, 150, 120),
    ];
    const profile = mainThreadProfile(trace, ORIGIN);
    expect(profile.longest).toEqual({ cpu: 120, wall: 150, ts: 900, inside: [], drew: false });
    // The longest task that drew is another: the 48 ms one that restyled the page.
    expect(profile.longestDrawing?.ts).toBe(200);
  });

  it('counts only the tasks between the page’s marks, leaving out tracing’s own start and flush', () => {
    const stamp = (ts: number, message: string) => ({ ph: 'I', name: 'TimeStamp', pid: PAGE, tid: PAGE, ts, args: { data: { message } } });
    const trace = [...TRACE, stamp(150, TRACE_START), stamp(250, TRACE_END), task(PAGE, PAGE, 260, 130, 125)];
    expect(mainThreadProfile(trace, ORIGIN).tasks.map((t) => t.ts)).toEqual([200]);
    expect(mainThreadProfile([...TRACE, task(PAGE, PAGE, 260, 130, 125)], ORIGIN).longest!.cpu).toBe(125);
  });

  it('refuses a trace that shows no page of the site, or no task of one', () => {
    expect(() => mainThreadProfile({ traceEvents: TRACE }, 'http://127.0.0.1:9999')).toThrow(/no renderer process/);
    expect(() => mainThreadProfile([started([{ processId: PAGE, url: `${ORIGIN}/` }]), thread(PAGE, PAGE, 'CrRendererMain')], ORIGIN)).toThrow(/no main-thread task/);
  });
});
