/**
 * Wall-clock figures of the demos, which the tests do not assert on: for each demo of the built site
 * (`npx astro build` first), one run with its defaults in a fresh headless Chromium, traced, and a
 * Markdown table of the run's wall time, the longest main-thread task by wall time and by CPU time
 * (trace thread time), and the number of main-thread tasks over 50 ms of wall time (what the Long
 * Tasks API would report as long). On a busy machine the wall figures grow while the CPU figures
 * stay put: tests/browser/every-demo.test.ts asserts on CPU time (tests/support/main-thread.ts).
 *
 *   npm run bench:demos -- [<id> …]     (default: every demo; npx tsx bench/demo-main-thread.ts also works)
 */
import { preview } from 'astro';
import { DEMO_IDS } from '../tests/support/demo-checks';
import { launchChromium } from '../tests/support/chromium';
import { traceMainThread } from '../tests/support/main-thread';
import { ROOT_DIR } from '../tests/support/site-browser';
import { cpus } from 'node:os';
import { loadAverage } from './machine';

const RUN_TIMEOUT = 180_000;

interface Row {
  id: string;
  status: string;
  runSeconds: number;
  longestWallMs: number;
  longestCpuMs: number;
  /** CPU time of the task that was longest by wall time. */
  cpuOfLongestWallMs: number;
  over50Wall: number;
}

async function measure(origin: string, id: string): Promise<Row> {
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${origin}/architectures/${id}/`, { waitUntil: 'networkidle' });
    const root = page.locator(`[data-demo="${id}"]`);
    const stop = await traceMainThread(page, origin);
    const started = performance.now();
    await root.locator('button[data-demo-start]').click();
    await page.waitForFunction((el) => ['done', 'error'].includes(el?.getAttribute('data-demo-status') ?? ''), await root.elementHandle(), { timeout: RUN_TIMEOUT, polling: 50 });
    const runSeconds = (performance.now() - started) / 1000;
    const { tasks, longest } = await stop();
    const byWall = tasks.reduce((a, b) => (b.wall > a.wall ? b : a));
    return {
      id,
      status: (await root.getAttribute('data-demo-status')) ?? '',
      runSeconds,
      longestWallMs: byWall.wall,
      longestCpuMs: longest?.cpu ?? NaN,
      cpuOfLongestWallMs: byWall.cpu,
      over50Wall: tasks.filter((t) => t.wall > 50).length,
    };
  } finally {
    await browser.close();
  }
}

const ids = process.argv.slice(2).length > 0 ? process.argv.slice(2) : [...DEMO_IDS];
const unknown = ids.filter((id) => !DEMO_IDS.includes(id));
if (unknown.length > 0) {
  console.error(`no demo named ${unknown.join(', ')} (demos: ${DEMO_IDS.join(', ')})`);
  process.exit(2);
}

const site = await preview({ root: ROOT_DIR, logLevel: 'error', server: { host: '127.0.0.1', port: 0 } });
const origin = `http://127.0.0.1:${site.port}`;
const rows: Row[] = [];
try {
  for (const id of ids) {
    const row = await measure(origin, id);
    rows.push(row);
    console.error(`${id} (load ${loadAverage()}): ${row.status} in ${row.runSeconds.toFixed(1)} s; longest main-thread task ${row.longestWallMs.toFixed(0)} ms wall (${row.cpuOfLongestWallMs.toFixed(0)} ms CPU), most CPU in one task ${row.longestCpuMs.toFixed(0)} ms`);
  }
} finally {
  await site.stop();
}

console.log(`Demo runs with their defaults, one each, in a fresh headless Chromium; ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, load average ${loadAverage()} at the end.\n`);
console.log('| demo | status | run (s, wall) | longest task (ms, wall) | its CPU (ms) | most CPU in a task (ms) | tasks over 50 ms wall |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows)
  console.log(`| ${r.id} | ${r.status} | ${r.runSeconds.toFixed(1)} | ${r.longestWallMs.toFixed(0)} | ${r.cpuOfLongestWallMs.toFixed(0)} | ${r.longestCpuMs.toFixed(0)} | ${r.over50Wall} |`);
