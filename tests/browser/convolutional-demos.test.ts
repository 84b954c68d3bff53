/**
 * The convolutional family's demos on the built site, held to what every demo promises (contract at
 * the top of demos.test.ts): with default parameters each runs to `done` twice, shows a numeric
 * metric in the expected range and a plot with drawn lines, leaves no tfjs tensor behind, and never
 * blocks the page's main thread for 200 ms (the training runs in the demo worker).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessibleBasics } from '../support/accessibility';
import { useBuiltSite } from '../support/site-browser';

const DEMO_TIMEOUT = 120_000;
const { visit } = useBuiltSite();

const DEMOS = [
  { slug: 'convolutional-network', metric: 'accuracy', range: [0.7, 1] },
  { slug: 'deconvolutional-network', metric: 'mse', range: [0, 0.02] },
] as const;

/** Clicks start and waits until this run has been seen `running` and is now `done` or `error`. */
async function runOnce(page: Page, slug: string): Promise<string> {
  const root = page.locator(`[data-demo="${slug}"]`);
  await root.evaluate((el) => {
    const seen: (string | null)[] = [];
    (el as HTMLElement & { __seen?: (string | null)[] }).__seen = seen;
    new MutationObserver((records) => records.forEach((r) => seen.push(r.oldValue))).observe(el, {
      attributes: true,
      attributeFilter: ['data-demo-status'],
      attributeOldValue: true,
    });
  });
  await root.locator('button[data-demo-start]').click();
  await page.waitForFunction(
    (el) => {
      const status = el!.getAttribute('data-demo-status');
      return ((el as HTMLElement & { __seen?: (string | null)[] }).__seen ?? []).includes('running') && (status === 'done' || status === 'error');
    },
    await root.elementHandle(),
    { timeout: DEMO_TIMEOUT, polling: 100 },
  );
  return (await root.getAttribute('data-demo-status')) ?? '';
}

describe.each(DEMOS)('the $slug demo', ({ slug, metric, range }) => {
  it('runs twice to a result in range, with a drawn plot, no leaked tensor and no long main-thread task', async () => {
    const { page } = await visit(`/architectures/${slug}/`);
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => {
      const longest = { value: 0 };
      (window as unknown as { __longest: typeof longest }).__longest = longest;
      new PerformanceObserver((list) => list.getEntries().forEach((e) => (longest.value = Math.max(longest.value, e.duration)))).observe({ type: 'longtask' });
    });
    const root = page.locator(`[data-demo="${slug}"]`);

    expect(await runOnce(page, slug)).toBe('done');
    const text = ((await root.locator(`[data-demo-metric="${metric}"]`).textContent()) ?? '').trim();
    expect(text).toMatch(/^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i);
    expect(Number(text)).toBeGreaterThanOrEqual(range[0]);
    expect(Number(text)).toBeLessThanOrEqual(range[1]);
    const lines = await root.evaluate((el) =>
      Math.max(0, ...Array.from(el.querySelectorAll('svg')).map((svg) => Array.from(svg.querySelectorAll('path')).filter((p) => /\d/.test(p.getAttribute('d') ?? '')).length)),
    );
    expect(lines, 'drawn paths in the richest plot').toBeGreaterThanOrEqual(2);
    const first = await root.getAttribute('data-demo-tensors');

    expect(await runOnce(page, slug)).toBe('done');
    expect(await root.getAttribute('data-demo-tensors'), 'live tensors after the second run').toBe(first);
    expect(await page.evaluate(() => (window as unknown as { __longest: { value: number } }).__longest.value), 'longest main-thread task, ms').toBeLessThan(200);
    await expectAccessibleBasics(page, `[data-demo="${slug}"]`);
  }, 2 * DEMO_TIMEOUT + 30_000);
});
