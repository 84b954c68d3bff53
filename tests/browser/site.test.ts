/**
 * Browser tests for the built site in `dist/`.
 *
 * `npm test` runs `astro build` first; these tests only serve the existing
 * build and drive it with headless Chromium (see tests/support/chromium.ts).
 *
 * Contract with the site (selectors and attributes these tests rely on):
 * - Home page `/`: at least 5 `[data-architecture-card]` elements, each with
 *   an inline `<svg>` thumbnail.
 * - Architecture diagrams: `svg[data-architecture="<slug>"][data-view="cells"]`
 *   with `role="img"` and a non-empty `<title>` child.
 * - Demos: a root `[data-demo="<slug>"]` whose `data-demo-status` goes
 *   `idle` → `running` → `done` (or `error`); a start button
 *   `button[data-demo-start]` inside it; a metric element
 *   `[data-demo-metric="<name>"]` whose text is just a number; an `<svg>` plot
 *   with at least two drawn `path`/`polyline` elements; and, after a run,
 *   `data-demo-tensors="<tf.memory().numTensors>"` on the root.
 * - TensorFlow.js and the demo code load only when a demo is started: the
 *   lazily imported demo module contains the literal `__RUNNABLE_ZOO_DEMO__`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { serveStatic, type StaticServer } from '../support/static-server';

const DIST_DIR = fileURLToPath(new URL('../../dist/', import.meta.url));
const DIST_INDEX = fileURLToPath(new URL('../../dist/index.html', import.meta.url));

/** Literal constant the lazily loaded demo module must contain (and nothing loaded earlier may). */
const DEMO_MARKER = '__RUNNABLE_ZOO_DEMO__';
/**
 * A string literal from @tensorflow/tfjs-core (its URL flag prefix in
 * environment.ts) that survives minification: it is in every bundle that
 * contains TensorFlow.js.
 */
const TFJS_SIGNATURE = 'tfjsflags';

const HOOK_TIMEOUT = 120_000;
const DEMO_TIMEOUT = 90_000;

interface DemoSpec {
  slug: string;
  label: string;
  path: string;
  metric: string;
  metricLabel: string;
}

const ESN: DemoSpec = {
  slug: 'echo-state-network',
  label: 'echo-state network',
  path: '/architectures/echo-state-network/',
  metric: 'nrmse',
  metricLabel: 'NRMSE',
};
const ELM: DemoSpec = {
  slug: 'extreme-learning-machine',
  label: 'extreme learning machine',
  path: '/architectures/extreme-learning-machine/',
  metric: 'rmse',
  metricLabel: 'RMSE',
};

// ---------------------------------------------------------------------------
// Shared browser, server and per-page bookkeeping
// ---------------------------------------------------------------------------

let server: StaticServer | undefined;
let browser: Browser | undefined;

interface RecordedResponse {
  url: string;
  resourceType: string;
  /** Response body as text ('' when the body is unavailable, e.g. redirects). */
  body: Promise<string>;
}

interface Visit {
  path: string;
  page: Page;
  context: BrowserContext;
  /** Console errors, uncaught exceptions and crashes seen on this page. */
  problems: string[];
  /** Every response the page received, in order, from the first navigation on. */
  responses: RecordedResponse[];
}

/** Pages opened by the current test; checked and closed in afterEach. */
let visits: Visit[] = [];

const BODYLESS_RESOURCE_TYPES = new Set(['image', 'font', 'media']);

async function visit(path: string): Promise<Visit> {
  if (!browser || !server) throw new Error('browser tests are not set up (beforeAll failed)');
  const context = await browser.newContext();
  const page = await context.newPage();
  const v: Visit = { path, page, context, problems: [], responses: [] };
  visits.push(v);

  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const { url, lineNumber } = msg.location();
    v.problems.push(`console.error: ${msg.text()}${url ? ` (at ${url}:${lineNumber})` : ''}`);
  });
  page.on('pageerror', (error) => v.problems.push(`uncaught exception: ${error.stack ?? error.message}`));
  page.on('crash', () => v.problems.push('the page crashed'));
  page.on('response', (response) => {
    const resourceType = response.request().resourceType();
    const body = BODYLESS_RESOURCE_TYPES.has(resourceType)
      ? Promise.resolve('')
      : response.body().then(
          (buffer) => buffer.toString('utf8'),
          () => '',
        );
    v.responses.push({ url: response.url(), resourceType, body });
  });

  const response = await page.goto(new URL(path, server.url).href, { waitUntil: 'load' });
  expect(response?.status(), `GET ${path} should return 200 (does dist/ contain this page?)`).toBe(200);
  return v;
}

/** URLs of responses (from index `from` on) whose body contains `needle`. */
async function urlsWhoseBodyContains(v: Visit, needle: string, from = 0): Promise<string[]> {
  const recorded = v.responses.slice(from);
  const bodies = await Promise.all(recorded.map((r) => r.body));
  return recorded.filter((_, i) => bodies[i]!.includes(needle)).map((r) => r.url);
}

beforeAll(async () => {
  if (!existsSync(DIST_INDEX)) {
    throw new Error(
      `dist/index.html not found (looked in ${DIST_DIR}). The browser tests test the built site: ` +
        'run `npm run build` first (`npm test` does this for you).',
    );
  }
  server = await serveStatic(DIST_DIR);
  browser = await launchChromium();
}, HOOK_TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await server?.close();
}, HOOK_TIMEOUT);

afterEach(async () => {
  const finished = visits;
  visits = [];
  const report = finished
    .filter((v) => v.problems.length > 0)
    .map((v) => `${v.path}:\n  ${v.problems.join('\n  ')}`);
  await Promise.all(finished.map((v) => v.context.close().catch(() => undefined)));
  expect(report, 'visited pages must not log console errors or throw uncaught exceptions').toEqual([]);
}, HOOK_TIMEOUT);

// ---------------------------------------------------------------------------
// Demo helpers
// ---------------------------------------------------------------------------

function demoRoot(page: Page, slug: string) {
  return page.locator(`[data-demo="${slug}"]`);
}

/**
 * Click the demo's start button and wait until that run has finished.
 *
 * A MutationObserver records every `data-demo-status` change from just before
 * the click, so a run is only considered finished once it has been seen
 * `running` and is now `done` or `error` — this also works for a second run,
 * when the status starts out as `done`, and for runs too fast to poll.
 * Returns the final status.
 */
async function runDemo(page: Page, slug: string): Promise<string> {
  const root = demoRoot(page, slug);
  expect(await root.count(), `exactly one [data-demo="${slug}"] on the page`).toBe(1);
  const button = root.locator('button[data-demo-start]');
  expect(await button.count(), `exactly one button[data-demo-start] inside [data-demo="${slug}"]`).toBe(1);

  await root.evaluate((el) => {
    type Tracked = HTMLElement & { __statusObserver?: MutationObserver; __statusLog?: (string | null)[] };
    const tracked = el as Tracked;
    tracked.__statusObserver?.disconnect();
    const log: (string | null)[] = [];
    tracked.__statusLog = log;
    tracked.__statusObserver = new MutationObserver((records) => {
      for (const record of records) log.push(record.oldValue);
    });
    tracked.__statusObserver.observe(el, {
      attributes: true,
      attributeFilter: ['data-demo-status'],
      attributeOldValue: true,
    });
  });

  // Playwright waits for the button to be visible, stable and enabled before clicking.
  await button.click();

  const finished = (el: Element): boolean => {
    const log = (el as HTMLElement & { __statusLog?: (string | null)[] }).__statusLog ?? [];
    const status = el.getAttribute('data-demo-status');
    return log.includes('running') && (status === 'done' || status === 'error');
  };
  const handle = await root.elementHandle();
  try {
    await page.waitForFunction(finished, handle, { timeout: DEMO_TIMEOUT, polling: 100 });
  } catch (error) {
    const state = await root.evaluate((el) => ({
      status: el.getAttribute('data-demo-status'),
      seen: (el as HTMLElement & { __statusLog?: (string | null)[] }).__statusLog,
    }));
    throw new Error(
      `the ${slug} demo did not finish within ${DEMO_TIMEOUT / 1000} s ` +
        `(status now ${JSON.stringify(state.status)}, earlier statuses ${JSON.stringify(state.seen)}; ` +
        `it must go idle → running → done)`,
      { cause: error },
    );
  } finally {
    await handle.dispose();
  }
  return (await root.getAttribute('data-demo-status')) ?? '';
}

async function expectDemoDone(page: Page, slug: string, status: string): Promise<void> {
  if (status !== 'done') {
    const text = await demoRoot(page, slug).innerText();
    expect.fail(`the ${slug} demo ended with status "${status}" instead of "done"; it shows:\n${text.slice(0, 1000)}`);
  }
}

async function readMetric(page: Page, slug: string, metric: string): Promise<number> {
  const element = demoRoot(page, slug).locator(`[data-demo-metric="${metric}"]`);
  expect(await element.count(), `exactly one [data-demo-metric="${metric}"] inside the ${slug} demo`).toBe(1);
  const text = ((await element.textContent()) ?? '').trim();
  expect(text, `[data-demo-metric="${metric}"] must contain just a number`).toMatch(
    /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i,
  );
  return Number(text);
}

/** The most detailed drawn `<svg>` inside the demo: how many non-empty path/polyline it has, and its size. */
async function largestPlot(page: Page, slug: string): Promise<{ lines: number; width: number; height: number }> {
  return demoRoot(page, slug).evaluate((root) => {
    let best = { lines: 0, width: 0, height: 0 };
    for (const svg of Array.from(root.querySelectorAll('svg'))) {
      const lines = Array.from(svg.querySelectorAll('path, polyline')).filter((shape) =>
        /\d/.test(shape.getAttribute(shape.localName === 'path' ? 'd' : 'points') ?? ''),
      ).length;
      if (lines > best.lines) {
        const box = svg.getBoundingClientRect();
        best = { lines, width: box.width, height: box.height };
      }
    }
    return best;
  });
}

// ---------------------------------------------------------------------------
// Accessibility helpers
// ---------------------------------------------------------------------------

/**
 * Checks, within `scope` (a CSS selector; the whole document by default):
 * every `svg[role="img"]` has a non-empty `<title>` child, and every button
 * exposed to assistive technology has a non-empty accessible name (as computed
 * by Chromium's accessibility tree). For the whole document it also checks
 * there is exactly one `<h1>` and that `<html>` has a `lang`.
 */
async function expectAccessibleBasics(page: Page, scope?: string): Promise<void> {
  const where = scope ?? 'the page';
  const svgsWithoutTitle = await page.evaluate((scopeSelector) => {
    const roots = scopeSelector ? Array.from(document.querySelectorAll(scopeSelector)) : [document.documentElement];
    return roots.flatMap((root) =>
      Array.from(root.querySelectorAll('svg[role="img"]'))
        .filter((svg) => !svg.querySelector(':scope > title')?.textContent?.trim())
        .map((svg) => svg.outerHTML.slice(0, 160)),
    );
  }, scope ?? null);
  expect(svgsWithoutTitle, `every svg[role="img"] in ${where} needs a non-empty <title> child`).toEqual([]);

  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const selector = ['button', '[role="button"]']
      .map((s) => (scope ? `${scope} ${s}` : s))
      .join(', ');
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector });
    const nameless: string[] = [];
    for (const nodeId of nodeIds) {
      const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
      const node = nodes[0];
      if (!node || node.ignored) continue; // hidden from assistive technology (display:none, aria-hidden, …)
      const name = typeof node.name?.value === 'string' ? node.name.value.trim() : '';
      if (!name) {
        const { outerHTML } = await cdp.send('DOM.getOuterHTML', { nodeId });
        nameless.push(outerHTML.slice(0, 160));
      }
    }
    expect(nameless, `every button in ${where} needs an accessible name`).toEqual([]);
  } finally {
    await cdp.detach().catch(() => undefined);
  }

  if (!scope) {
    expect(await page.locator('h1').count(), 'the page has exactly one <h1>').toBe(1);
    const lang = await page.locator('html').getAttribute('lang');
    expect(lang?.trim(), '<html> has a non-empty lang attribute').toBeTruthy();
  }
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

describe('the home page', () => {
  it('renders a grid of at least five architecture cards, each with an inline SVG thumbnail', async () => {
    const { page } = await visit('/');
    const cards = await page.locator('[data-architecture-card]').evaluateAll((elements) =>
      elements.map((card) => {
        const svg = card.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        return {
          card: card.getAttribute('data-architecture-card') || (card.textContent ?? '').trim().slice(0, 60),
          hasInlineSvg: svg !== null,
          width: box?.width ?? 0,
          height: box?.height ?? 0,
        };
      }),
    );
    expect(cards.length, 'number of [data-architecture-card] elements').toBeGreaterThanOrEqual(5);
    expect(cards.filter((c) => !c.hasInlineSvg).map((c) => c.card), 'cards without an inline <svg>').toEqual([]);
    expect(
      cards.filter((c) => c.width <= 0 || c.height <= 0).map((c) => c.card),
      'cards whose <svg> thumbnail has no size',
    ).toEqual([]);
  }, 60_000);
});

describe('the echo-state network page', () => {
  it('shows the network diagram as a visible, titled image', async () => {
    const { page } = await visit(ESN.path);
    const diagrams = page.locator('svg[data-architecture="echo-state-network"][data-view="cells"]');
    expect(await diagrams.count(), 'svg[data-architecture="echo-state-network"][data-view="cells"]').toBeGreaterThanOrEqual(1);
    const diagram = diagrams.first();

    expect(await diagram.isVisible(), 'the diagram is visible').toBe(true);
    const box = await diagram.boundingBox();
    expect(box?.width ?? 0, 'diagram width').toBeGreaterThan(0);
    expect(box?.height ?? 0, 'diagram height').toBeGreaterThan(0);
    expect(await diagram.getAttribute('role')).toBe('img');
    const details = await diagram.evaluate((svg) => ({
      title: svg.querySelector(':scope > title')?.textContent?.trim() ?? '',
      shapes: svg.querySelectorAll('rect, circle, ellipse, path, line, polyline, polygon').length,
    }));
    expect(details.title, 'the diagram has a non-empty <title> child').not.toBe('');
    expect(details.shapes, 'the diagram draws something').toBeGreaterThan(0);
  }, 60_000);

  it('requests no TensorFlow.js or demo code until the demo is started, and loads it on start', async () => {
    const v = await visit(ESN.path);
    const { page } = v;
    // Let lazy loading that is not tied to the button (idle callbacks, prefetch, …) happen first.
    await page.waitForLoadState('networkidle');
    expect(await demoRoot(page, ESN.slug).getAttribute('data-demo-status')).toBe('idle');

    expect(
      await urlsWhoseBodyContains(v, DEMO_MARKER),
      `responses containing ${DEMO_MARKER} before the demo was started`,
    ).toEqual([]);
    expect(
      await urlsWhoseBodyContains(v, TFJS_SIGNATURE),
      'responses containing TensorFlow.js before the demo was started',
    ).toEqual([]);
    const responsesBeforeStart = v.responses.length;

    // Wait for the whole run (done or error) so every request it makes is recorded.
    await runDemo(page, ESN.slug);

    expect(
      await urlsWhoseBodyContains(v, DEMO_MARKER, responsesBeforeStart),
      `after start, some response contains ${DEMO_MARKER}`,
    ).not.toEqual([]);
    expect(
      await urlsWhoseBodyContains(v, TFJS_SIGNATURE, responsesBeforeStart),
      'after start, some response contains TensorFlow.js',
    ).not.toEqual([]);
  }, DEMO_TIMEOUT + 30_000);

  it('runs the demo twice without leaking TensorFlow.js tensors', async () => {
    const { page } = await visit(ESN.path);
    const root = demoRoot(page, ESN.slug);

    await expectDemoDone(page, ESN.slug, await runDemo(page, ESN.slug));
    const first = await root.getAttribute('data-demo-tensors');
    expect(first, 'data-demo-tensors after the first run').toMatch(/^\d+$/);

    await expectDemoDone(page, ESN.slug, await runDemo(page, ESN.slug));
    const second = await root.getAttribute('data-demo-tensors');
    expect(second, 'data-demo-tensors after the second run').toMatch(/^\d+$/);

    expect(Number(second), 'live tensors after the second run equal those after the first').toBe(Number(first));
  }, 2 * DEMO_TIMEOUT + 30_000);
});

describe.each([ESN, ELM])('the $label demo', (demo) => {
  it(`runs to a result: ${demo.metricLabel} below 0.2 and a plot with at least two lines`, async () => {
    const { page } = await visit(demo.path);
    expect(await demoRoot(page, demo.slug).getAttribute('data-demo-status'), 'status before start').toBe('idle');

    await expectDemoDone(page, demo.slug, await runDemo(page, demo.slug));

    const value = await readMetric(page, demo.slug, demo.metric);
    expect(value, demo.metricLabel).toBeGreaterThanOrEqual(0);
    expect(value, demo.metricLabel).toBeLessThan(0.2);

    const plot = await largestPlot(page, demo.slug);
    expect(plot.lines, 'drawn <path>/<polyline> elements in the demo plot').toBeGreaterThanOrEqual(2);
    expect(plot.width, 'plot width').toBeGreaterThan(0);
    expect(plot.height, 'plot height').toBeGreaterThan(0);

    // The demo's rendered output must keep the accessibility basics too.
    await expectAccessibleBasics(page, `[data-demo="${demo.slug}"]`);
  }, DEMO_TIMEOUT + 30_000);
});

describe.each([
  { label: 'home page', path: '/' },
  { label: 'echo-state network page', path: ESN.path },
  { label: 'extreme learning machine page', path: ELM.path },
])('the $label', ({ path }) => {
  it('meets accessibility basics: titled SVG images, named buttons, one h1 and a page language', async () => {
    const { page } = await visit(path);
    await expectAccessibleBasics(page);
  }, 60_000);
});
