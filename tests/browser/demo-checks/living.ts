/**
 * Every demo declares a living diagram (`living` in src/demos/architectures/<id>.ts) and shows it
 * after its runs: the running network drawn (the prepared SVG or the reader's, laid out afresh), with
 * at least one painted frame, every valued cell and every drawn weight line (bundles included) listed in the values table, the
 * scrubber over the frames, and the trained model's two files offered. Values against the model
 * itself: tests/browser/living-diagram.test.ts.
 */
import { expect } from 'vitest';
import type { DemoDefinition } from '../../../src/demos/types';
import { demoCheck, settled } from '../../support/demo-checks';

const declaresLiving = async (id: string) => ((await import(`../../../src/demos/architectures/${id}.ts`)) as { default: DemoDefinition }).default.living !== undefined;

demoCheck('shows its own network alive: a painted frame, a value for every valued cell and drawn line, the frames to scrub, the trained model', {}, async ({ id, root, visit }) => {
  const living = root.locator('div[data-living]');
  expect(await declaresLiving(id), `the ${id} demo declares \`living\`: every demo shows its own network alive`).toBe(true);
  expect(await settled(() => root.getAttribute('data-demo-frame'), (frame) => frame !== null, 60_000), 'a frame painted').not.toBeNull();
  expect(await living.isVisible()).toBe(true);
  const svg = living.locator('svg[data-living]');
  expect(await svg.count()).toBe(1);
  expect(await svg.getAttribute('data-architecture')).toBe(id);
  const scrubber = living.locator('[data-living-scrubber]');
  expect(await scrubber.isDisabled()).toBe(false);
  expect(Number(await scrubber.getAttribute('max'))).toBeGreaterThanOrEqual(1);

  await living.locator('details[data-living-details] summary').click();
  // Drawn when the details open (their toggle event comes a task later).
  const listed = await settled(() => living.locator('[data-live-cell]').count(), (n) => n > 0);
  expect(listed, 'values in the table').toBeGreaterThan(0);
  if ((await svg.getAttribute('data-living')) === 'layers') {
    // A layers view: one row per drawn layer, with two bars in its box.
    expect(listed, 'layers listed in the table').toBe(await svg.locator('[data-layer]').count());
    expect(await svg.locator('.rz-live-bar-output').count()).toBe(listed);
  } else {
    expect(listed, 'cells listed in the table').toBe(await svg.locator('.rz-live-ring').count());
    const lines = await svg.locator('[data-from][data-trainable]').count();
    expect(await living.locator('[data-live-weight]').count(), 'weight lines listed in the table').toBe(lines);
  }
  await living.locator('details[data-living-details] summary').click();

  // At the default parameters the drawing is the one the site prepared: fetched, not laid out in the page.
  const paths = visit.responses.map((r) => new URL(r.url).pathname);
  expect(paths.filter((p) => p.includes(`/live/${id}.`)).length, 'prepared drawings fetched').toBeGreaterThan(0);
  expect(paths.filter((p) => p.includes('diagram-worker')), 'the diagram worker is not needed at the defaults').toEqual([]);

  const downloads = living.locator('[data-living-download]');
  expect(await downloads.evaluateAll((links) => links.map((l) => l.getAttribute('download')))).toEqual([`${id}.model.json`, `${id}.weights.bin`]);
});
