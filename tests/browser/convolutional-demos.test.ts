/**
 * The convolutional family's demos on the built site, held to what every demo promises (contract at
 * the top of demos.test.ts): with default parameters each runs to `done` twice, shows a numeric
 * metric in the expected range and a plot with drawn lines, leaves no tfjs tensor behind, and never
 * blocks the page's main thread for 200 ms (the training runs in the demo worker).
 */
import { describe, expect, it } from 'vitest';
import { expectAccessibleBasics } from '../support/accessibility';
import { useBuiltSite } from '../support/site-browser';
import { largestPlot, readMetric, runDemo, watchLongTasks } from '../support/demo-driver';

const DEMO_TIMEOUT = 120_000;
const { visit } = useBuiltSite();

const DEMOS = [
  { slug: 'convolutional-network', metric: 'accuracy', range: [0.7, 1] },
  { slug: 'deconvolutional-network', metric: 'mse', range: [0, 0.02] },
] as const;

describe.each(DEMOS)('the $slug demo', ({ slug, metric, range }) => {
  it('runs twice to a result in range, with a drawn plot, no leaked tensor and no long main-thread task', async () => {
    const { page } = await visit(`/architectures/${slug}/`);
    await page.waitForLoadState('networkidle');
    const longest = await watchLongTasks(page);
    const root = page.locator(`[data-demo="${slug}"]`);

    expect(await runDemo(page, slug)).toBe('done');
    const value = await readMetric(page, slug, metric);
    expect(value).toBeGreaterThanOrEqual(range[0]);
    expect(value).toBeLessThanOrEqual(range[1]);
    expect((await largestPlot(page, slug)).lines, 'drawn paths in the richest plot').toBeGreaterThanOrEqual(2);
    const first = await root.getAttribute('data-demo-tensors');

    expect(await runDemo(page, slug)).toBe('done');
    expect(await root.getAttribute('data-demo-tensors'), 'live tensors after the second run').toBe(first);
    expect(await longest(), 'longest main-thread task, ms').toBeLessThan(200);
    await expectAccessibleBasics(page, `[data-demo="${slug}"]`);
  }, 2 * DEMO_TIMEOUT + 30_000);
});
