/**
 * Drives a demo on a page of the built site, through its data-* contract (documented at the top of
 * tests/browser/demos.test.ts): start a run and wait for its end, read metrics and plots, set
 * parameters, record progress. (How long the page's main thread is kept busy: main-thread.ts.)
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** A guard against a demo run that hangs; no assertion depends on how fast a run is. */
export const DEMO_TIMEOUT = 90_000;

export function demoRoot(page: Page, slug: string) {
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
export async function runDemo(page: Page, slug: string): Promise<string> {
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

export async function expectDemoDone(page: Page, slug: string, status: string): Promise<void> {
  if (status !== 'done') {
    const text = await demoRoot(page, slug).innerText();
    expect.fail(`the ${slug} demo ended with status "${status}" instead of "done"; it shows:\n${text.slice(0, 1000)}`);
  }
}

export async function readMetric(page: Page, slug: string, metric: string): Promise<number> {
  const element = demoRoot(page, slug).locator(`[data-demo-metric="${metric}"]`);
  expect(await element.count(), `exactly one [data-demo-metric="${metric}"] inside the ${slug} demo`).toBe(1);
  const text = ((await element.textContent()) ?? '').trim();
  expect(text, `[data-demo-metric="${metric}"] must contain just a number`).toMatch(
    /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i,
  );
  return Number(text);
}

/** The most detailed drawn `<svg>` inside the demo: how many non-empty path/polyline it has, and its size. */
export async function largestPlot(page: Page, slug: string): Promise<{ lines: number; width: number; height: number }> {
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

/** Sets the demo's sliders (by parameter name) before a run, as a reader dragging them would. */
export async function setParams(page: Page, slug: string, values: Readonly<Record<string, string>>): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    const input = demoRoot(page, slug).locator(`[data-demo-params] input[name="${name}"]`);
    expect(await input.count(), `one slider named ${name} in the ${slug} demo`).toBe(1);
    await input.fill(value);
    expect(await input.inputValue(), `slider ${name} accepted ${value}`).toBe(value);
  }
}

/** Starts recording every value the demo's progress bar takes (read back with `progressValues`). */
export async function recordProgress(page: Page, slug: string): Promise<void> {
  await demoRoot(page, slug).evaluate((root) => {
    const bar = root.querySelector('progress[data-demo-progress]') as HTMLProgressElement & { __values?: number[] };
    const values: number[] = [];
    bar.__values = values;
    new MutationObserver(() => values.push(bar.value)).observe(bar, { attributes: true, attributeFilter: ['value'] });
  });
}

export const progressValues = (page: Page, slug: string) =>
  demoRoot(page, slug).evaluate((root) => (root.querySelector('progress[data-demo-progress]') as HTMLElement & { __values?: number[] }).__values ?? []);
