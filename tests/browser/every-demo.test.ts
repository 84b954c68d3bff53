/**
 * Every demo on the site, found from src/demos/architectures/*.params.ts (no list to keep), meets the
 * demo standard with its default parameters: it runs to `done` in the worker without any main-thread
 * task over 200 ms, shows progress while it runs, reports a numeric metric and a drawn plot, and a
 * second run leaves the live tensor count where the first left it.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_TIMEOUT, demoRoot, expectDemoDone, progressValues, recordProgress, runDemo, watchLongTasks } from '../support/demo-driver';
import { useBuiltSite } from '../support/site-browser';

const DEMO_IDS = readdirSync(new URL('../../src/demos/architectures/', import.meta.url))
  .filter((f) => f.endsWith('.params.ts'))
  .map((f) => f.replace(/\.params\.ts$/, ''))
  .sort();

const { visit } = useBuiltSite();

describe.each(DEMO_IDS)('the %s demo', (id) => {
  it('runs twice with its defaults: responsive, with progress, a metric and a plot, leaking no tensor', async () => {
    const { page } = await visit(`/architectures/${id}/`);
    await page.waitForLoadState('networkidle');
    const longest = await watchLongTasks(page);
    const root = demoRoot(page, id);
    await recordProgress(page, id);

    await expectDemoDone(page, id, await runDemo(page, id));
    const progress = await progressValues(page, id);
    expect(progress.length, 'progress bar updates during a run').toBeGreaterThanOrEqual(2);
    expect(progress, 'progress never goes backwards within a run').toEqual([...progress].sort((a, b) => a - b));
    const metrics = await root.locator('[data-demo-metric]').allTextContents();
    expect(metrics.length, 'at least one metric').toBeGreaterThan(0);
    for (const m of metrics) expect(Number.isFinite(Number(m.trim())), `metric "${m}" is a number`).toBe(true);
    // A result figure: a titled SVG image with marks (lines, dots, bars, pixels) and a visible size.
    const figures = await root.locator('svg[role="img"]').evaluateAll((svgs) =>
      svgs.map((svg) => ({ title: svg.querySelector('title')?.textContent ?? '', marks: svg.querySelectorAll('path, polyline, circle, rect, image').length, width: svg.getBoundingClientRect().width })),
    );
    expect(figures.filter((f) => f.title && f.marks > 0 && f.width > 0).length, 'a titled result figure with something drawn').toBeGreaterThan(0);
    const first = await root.getAttribute('data-demo-tensors');

    await expectDemoDone(page, id, await runDemo(page, id));
    expect(await root.getAttribute('data-demo-tensors'), 'live tensors after a second run equal those after the first').toBe(first);
    expect(await longest(), 'longest main-thread task during two runs, in ms').toBeLessThan(200);
  }, 2 * DEMO_TIMEOUT + 30_000);
});
