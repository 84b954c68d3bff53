/**
 * Times demos of the built site (`npx astro build` first) on the CPU and the WebAssembly backend, in
 * the headless Chromium the browser tests use, and prints a Markdown table of medians with the
 * demos' metrics (to check both backends learn the same thing).
 *
 *   npx tsx bench/demo-backends.ts [--runs 3] [--out results.json] <id> [<id> …]
 *
 * Each run is a fresh page (what a reader gets on pressing Run: worker start, tfjs and, for wasm,
 * the .wasm fetch and compile included), and the backends alternate within a round, so a load
 * change on a shared machine hits both alike. The page's `?backend=` query picks the backend
 * (src/demos/start.ts); the time is the one the page shows the reader.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { preview } from 'astro';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../tests/support/chromium';
import { ROOT_DIR } from '../tests/support/site-browser';
import { summarise } from './stats';

const BACKENDS = ['cpu', 'wasm'] as const;
type Backend = (typeof BACKENDS)[number];
const RUN_TIMEOUT = 180_000;

interface Run {
  readonly id: string;
  readonly backend: Backend;
  readonly status: string;
  /** tf.getBackend() reported by the worker. */
  readonly ran: string;
  readonly seconds: number;
  readonly metrics: Readonly<Record<string, number>>;
  readonly message: string;
}

async function timeOne(browser: Browser, origin: string, id: string, backend: Backend): Promise<Run> {
  const context = await browser.newContext();
  const errors: string[] = [];
  try {
    const page = await context.newPage();
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
    await page.goto(`${origin}/architectures/${id}/?backend=${backend}`, { waitUntil: 'networkidle' });
    const root = page.locator(`[data-demo="${id}"]`);
    await root.locator('button[data-demo-start]').click();
    await page.waitForFunction((el) => ['done', 'error'].includes(el?.getAttribute('data-demo-status') ?? ''), await root.elementHandle(), { timeout: RUN_TIMEOUT, polling: 50 });
    const message = (await root.locator('[data-demo-message]').innerText()).trim();
    const metricsList = await root.locator('[data-demo-metric]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-demo-metric') ?? '', Number(e.textContent)] as const));
    const seconds = Number(/· ([\d.]+) s ·/.exec(message)?.[1] ?? NaN);
    return {
      id,
      backend,
      status: (await root.getAttribute('data-demo-status')) ?? '',
      ran: (await root.getAttribute('data-demo-backend')) ?? '',
      seconds,
      metrics: Object.fromEntries(metricsList),
      message: errors.length > 0 ? `${message} [${errors.join('; ')}]` : message,
    };
  } finally {
    await context.close();
  }
}

const median = (values: readonly number[]) => summarise(values.filter(Number.isFinite))?.median ?? NaN;

function table(runs: readonly Run[], ids: readonly string[]): string {
  const rows = ['| demo | CPU median (s) | WASM median (s) | WASM / CPU | runs | metrics CPU → WASM (medians) |', '| --- | ---: | ---: | ---: | ---: | --- |'];
  for (const id of ids) {
    const of = (backend: Backend) => runs.filter((r) => r.id === id && r.backend === backend && r.status === 'done' && r.ran === backend);
    const [cpu, wasm] = [of('cpu'), of('wasm')];
    const [c, w] = [median(cpu.map((r) => r.seconds)), median(wasm.map((r) => r.seconds))];
    const names = Object.keys(cpu[0]?.metrics ?? wasm[0]?.metrics ?? {});
    const metrics = names.map((n) => `${n} ${median(cpu.map((r) => r.metrics[n]!)).toFixed(3)} → ${median(wasm.map((r) => r.metrics[n]!)).toFixed(3)}`).join('; ');
    const failed = runs.filter((r) => r.id === id && (r.status !== 'done' || r.ran !== r.backend));
    const failure = failed.length > 0 ? `${failed.length} failed: ${failed[0]!.backend}: ${failed[0]!.message.replace(/\|/g, '\\|')}` : '';
    rows.push(`| ${id} | ${c.toFixed(1)} | ${w.toFixed(1)} | ${(w / c).toFixed(2)} | ${cpu.length}+${wasm.length} | ${[metrics, failure].filter(Boolean).join('; ')} |`);
  }
  return rows.join('\n');
}

async function main(): Promise<void> {
  const { values, positionals: ids } = parseArgs({ options: { runs: { type: 'string', default: '3' }, out: { type: 'string' } }, allowPositionals: true });
  if (ids.length === 0) throw new Error('bench/demo-backends.ts: expected demo ids as arguments (e.g. lstm gru)');
  const rounds = Number(values.runs);
  const site = await preview({ root: ROOT_DIR, logLevel: 'error', server: { host: '127.0.0.1', port: 0 } });
  const browser = await launchChromium();
  const runs: Run[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      for (const id of ids) {
        // Alternate which backend goes first, so neither always runs right after the other.
        for (const backend of round % 2 === 0 ? BACKENDS : [...BACKENDS].reverse()) {
          const run = await timeOne(browser, `http://127.0.0.1:${site.port}`, id, backend);
          runs.push(run);
          console.error(`round ${round + 1} ${id} ${backend}: ${run.status} on ${run.ran}, ${run.seconds} s — ${run.message}`);
          if (values.out) writeFileSync(values.out, JSON.stringify(runs, null, 1));
        }
      }
    }
  } finally {
    await browser.close();
    await site.stop();
  }
  console.log(table(runs, ids));
}

await main();
