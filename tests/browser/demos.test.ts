/**
 * Browser tests of the demos on the built site (`npm test` builds it first).
 *
 * Contract with the site: a root `[data-demo="<slug>"]` whose `data-demo-status` goes
 * `idle` → `running` → `done` (or `error`); a start button `button[data-demo-start]` inside it; a
 * metric element `[data-demo-metric="<name>"]` whose text is just a number; an `<svg>` plot with at
 * least two drawn `path`/`polyline` elements; and, after a run, `data-demo-tensors` on the root.
 * TensorFlow.js and the demo code load only when a demo is started: the lazily imported demo module
 * contains the literal `__RUNNABLE_ZOO_DEMO__`.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessibleBasics } from '../support/accessibility';
import { urlsWhoseBodyContains, useBuiltSite } from '../support/site-browser';

/** Literal constant the lazily loaded demo module must contain (and nothing loaded earlier may). */
const DEMO_MARKER = '__RUNNABLE_ZOO_DEMO__';
/**
 * A string literal from @tensorflow/tfjs-core (its URL flag prefix in environment.ts) that survives
 * minification: it is in every bundle that contains TensorFlow.js.
 */
const TFJS_SIGNATURE = 'tfjsflags';
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

const { visit } = useBuiltSite();

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

describe('the echo-state network demo', () => {
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
