/**
 * How a demo feels to play with: for every demo of the built site (built first if dist/ is missing), each run
 * with its defaults and its declared backend in a fresh page, the time from pressing Run to the first
 * visible sign of learning, how often the page changes while it runs, and when it finishes. Prints a
 * Markdown table of medians; asserts nothing (timing is not a test).
 *
 * Part of `npm run bench` (bench/diagrams.bench.ts; `--demo-runs N`, `--no-demos`); on its own:
 *
 *   npx tsx bench/demo-pace.ts [--runs 3] [--out pace.json] [<id> …]   (default: every demo)
 *
 * "Visible" is what the reader sees move, watched on the page itself by a MutationObserver installed
 * before the click: the progress bar's value, the result area's pictures (a preview), and the living
 * diagram (`data-demo-frame` on the demo's root, counted each time a frame is drawn). The progress
 * detail line alone does not count. Each run is a fresh page, so worker start-up, loading TensorFlow.js
 * and, for WebAssembly, compiling it are inside the figures, as they are for a reader.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, preview } from 'astro';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../tests/support/chromium';
import { DEMO_IDS } from '../tests/support/demo-checks';
import { ROOT_DIR } from '../tests/support/site-browser';
import { loadAverage } from './machine';
import { summarise } from './stats';

const RUN_TIMEOUT = 180_000;

export interface PaceRun {
  readonly id: string;
  readonly status: string;
  /** ms from the click to the progress bar's first move (NaN if it never moved). */
  readonly firstProgressMs: number;
  /**
   * ms from the click to the first sign of learning before the result: an interim plot, or a frame of
   * the living diagram (NaN if the reader saw none before the end).
   */
  readonly firstLearningMs: number;
  /** ms from the click to the end of the run. */
  readonly doneMs: number;
  /** Signs of learning (interim plots, diagram frames) during the run. */
  readonly updates: number;
  /** Longest stretch without a sign of learning, from the first one to the end (ms). */
  readonly longestGapMs: number;
}

/** Runs in the page: records when the demo's visible parts change, from the click on. */
function watch(id: string): void {
  const root = document.querySelector<HTMLElement>(`[data-demo="${id}"]`)!;
  const w = window as unknown as { __pace: { start: number; progress: number[]; learning: number[] } };
  const pace = (w.__pace = { start: 0, progress: [] as number[], learning: [] as number[] });
  new MutationObserver((records) => {
    if (root.dataset.demoStatus !== 'running') return;
    const now = performance.now();
    for (const r of records) {
      const target = r.target as Element;
      // The bar's value attribute reflects the property; a run starts it at 0, which shows nothing.
      if (r.type === 'attributes' && r.attributeName === 'value' && target.matches('[data-demo-progress]') && Number(target.getAttribute('value')) > 0) pace.progress.push(now);
      else if ((r.type === 'attributes' && r.attributeName === 'data-demo-frame') || (r.type === 'childList' && target.closest?.('[data-demo-result]'))) pace.learning.push(now);
    }
  }).observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['value', 'data-demo-frame'] });
  root.querySelector('[data-demo-start]')!.addEventListener('click', () => (pace.start = performance.now()), { capture: true });
}

async function paceOne(browser: Browser, origin: string, id: string): Promise<PaceRun> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/architectures/${id}/`, { waitUntil: 'networkidle' });
    // tsx names nested functions through an `__name` helper that the page does not have.
    await page.evaluate(`var __name = (f) => f; (${watch.toString()})(${JSON.stringify(id)})`);
    const root = page.locator(`[data-demo="${id}"]`);
    await root.locator('button[data-demo-start]').click();
    await page.waitForFunction((el) => ['done', 'error'].includes(el?.getAttribute('data-demo-status') ?? ''), await root.elementHandle(), { timeout: RUN_TIMEOUT, polling: 20 });
    const pace = await page.evaluate(() => ({ ...(window as unknown as { __pace: { start: number; progress: number[]; learning: number[] } }).__pace, end: performance.now() }));
    const after = (times: readonly number[]) => [...new Set(times)].sort((a, b) => a - b).filter((t) => t >= pace.start);
    const [progress, learning] = [after(pace.progress), after(pace.learning)];
    const marks = [...learning, pace.end];
    const gaps = marks.slice(1).map((t, k) => t - marks[k]!);
    return {
      id,
      status: (await root.getAttribute('data-demo-status')) ?? '',
      firstProgressMs: progress.length > 0 ? progress[0]! - pace.start : NaN,
      firstLearningMs: learning.length > 0 ? learning[0]! - pace.start : NaN,
      doneMs: pace.end - pace.start,
      updates: learning.length,
      longestGapMs: gaps.length > 1 ? Math.max(...gaps) : NaN,
    };
  } finally {
    await context.close();
  }
}

/** A figure, or "none" where the runs had nothing to measure (no learning shown before the end). */
const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : 'none');

const median = (values: readonly number[]) => summarise(values.filter(Number.isFinite))?.median ?? NaN;

export function paceTable(runs: readonly PaceRun[], ids: readonly string[]): string {
  const rows = [
    '| demo | first progress (ms) | first learning shown (ms) | run (s) | learning updates per second | longest gap (ms) | runs |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const id of ids) {
    const done = runs.filter((r) => r.id === id && r.status === 'done');
    const failed = runs.filter((r) => r.id === id).length - done.length;
    const rate = median(done.map((r) => r.updates / (r.doneMs / 1000)));
    rows.push(
      `| ${id} | ${median(done.map((r) => r.firstProgressMs)).toFixed(0)} | ${fixed(median(done.map((r) => r.firstLearningMs)), 0)} | ${(median(done.map((r) => r.doneMs)) / 1000).toFixed(1)} | ${rate.toFixed(1)} | ${fixed(median(done.map((r) => r.longestGapMs)), 0)} | ${done.length}${failed > 0 ? ` (${failed} failed)` : ''} |`,
    );
  }
  return rows.join('\n');
}

export interface PaceOptions {
  readonly ids?: readonly string[];
  readonly runs: number;
  readonly log?: (line: string) => void;
  /** Each run as it finishes (to keep partial results). */
  readonly onRun?: (runs: readonly PaceRun[]) => void;
}

/** Serves the built site (building it first if there is none) and times every demo `runs` times, round by round. */
export async function measureDemoPace(options: PaceOptions): Promise<{ runs: PaceRun[]; table: string }> {
  const ids = options.ids && options.ids.length > 0 ? options.ids : DEMO_IDS;
  const unknown = ids.filter((id) => !DEMO_IDS.includes(id));
  if (unknown.length > 0) throw new Error(`bench/demo-pace.ts: no demo named ${unknown.join(', ')} (demos: ${DEMO_IDS.join(', ')})`);
  if (!existsSync(join(ROOT_DIR, 'dist', 'index.html'))) {
    options.log?.('no built site in dist/: building it (npx astro build) …');
    await build({ root: ROOT_DIR, logLevel: 'error' });
  }
  const site = await preview({ root: ROOT_DIR, logLevel: 'error', server: { host: '127.0.0.1', port: 0 } });
  const browser = await launchChromium();
  const runs: PaceRun[] = [];
  try {
    for (let round = 0; round < options.runs; round++) {
      for (const id of ids) {
        const run = await paceOne(browser, `http://127.0.0.1:${site.port}`, id);
        runs.push(run);
        options.log?.(`round ${round + 1} ${id}: ${run.status}, progress ${run.firstProgressMs.toFixed(0)} ms, learning ${run.firstLearningMs.toFixed(0)} ms, done ${(run.doneMs / 1000).toFixed(1)} s, ${run.updates} updates, longest gap ${run.longestGapMs.toFixed(0)} ms (load ${loadAverage()})`);
        options.onRun?.(runs);
      }
    }
  } finally {
    await browser.close();
    await site.stop();
  }
  return { runs, table: paceTable(runs, ids) };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { runs: { type: 'string', default: '3' }, out: { type: 'string' } }, allowPositionals: true });
  const out = values.out;
  const { table } = await measureDemoPace({
    ids: positionals,
    runs: Number(values.runs),
    log: (line) => console.error(line),
    ...(out ? { onRun: (runs: readonly PaceRun[]) => writeFileSync(out, JSON.stringify(runs, null, 1)) } : {}),
  });
  console.log(table);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
