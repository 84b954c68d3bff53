/**
 * The Hopfield network demo's drawing (a `pixels` parameter, src/demos/params.ts): the reader flips
 * pixels by keyboard (arrow keys move, Space and Enter flip) and by click, Clear and "Start from
 * picture + noise" redraw it, and Run recalls from exactly what is drawn.
 */
import type { Locator } from 'playwright-core';
import { expect } from 'vitest';
import { demoCheck, settled } from '../../support/demo-checks';
import { expectDemoDone, readMetric, runDemo } from '../../support/demo-driver';

const drawing = (root: Locator) => root.locator('[data-pixels="start"] input[type="hidden"]').inputValue();
const pressed = (pixel: Locator) => pixel.getAttribute('aria-pressed');

demoCheck('draws on its grid by keyboard and by click, and recalls from the drawing', { ids: ['hopfield-network'] }, async ({ id, page, root }) => {
  const pixels = root.locator('[data-pixel]');
  expect(await pixels.count(), '10 × 10 pixel buttons').toBe(100);
  expect(await pixels.nth(34).getAttribute('aria-label')).toBe('pixel row 4, column 5');
  const fill = root.getByRole('button', { name: 'Start from picture + noise' });
  const clear = root.getByRole('button', { name: 'Clear' });
  const blank = '0'.repeat(100);
  const initial = await drawing(root);
  // The fill loads the demo's params module first: wait for it to draw.
  await clear.click();
  expect(await drawing(root)).toBe(blank);
  await fill.click();
  expect(await settled(() => drawing(root), (d) => d !== blank)).not.toBe(blank);
  const start = await drawing(root);
  expect(start, 'the drawing starts as the picture with noise, 1s and 0s').toMatch(/^[01]{100}$/);
  expect(start, 'the page drew what the build did from the default sliders').toBe(initial);
  const shown = await pixels.evaluateAll((els) => els.map((el) => (el.getAttribute('aria-pressed') === 'true' ? '1' : '0')).join(''));
  expect(shown, 'the pressed pixels are the drawing').toBe(start);

  // Keyboard: one pixel in the tab order; the arrows move focus, Space and Enter flip.
  expect(await root.locator('[data-pixel][tabindex="0"]').count(), 'one pixel in the tab order').toBe(1);
  await pixels.nth(0).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  expect(await pixels.nth(11).evaluate((el) => el === document.activeElement), 'focus on row 2, column 2').toBe(true);
  expect(await pixels.nth(11).getAttribute('tabindex')).toBe('0');
  await pixels.nth(22).click();
  const flipped = (text: string, k: number) => (text[k] === '1' ? '0' : '1');
  const after = await drawing(root);
  for (const k of [1, 11, 22]) {
    expect(after[k], `pixel ${k} flipped`).toBe(flipped(start, k));
    expect(await pressed(pixels.nth(k))).toBe(after[k] === '1' ? 'true' : 'false');
  }
  expect([...after].filter((c, k) => c !== start[k]).length, 'nothing else changed').toBe(3);

  // Clear, then Run: a blank grid with four pictures stored settles on the plus (picture 3), not the cross the sliders pick.
  await clear.click();
  expect(await drawing(root)).toBe(blank);
  expect(await root.locator('[data-pixel][aria-pressed="true"]').count()).toBe(0);
  await expectDemoDone(page, id, await runDemo(page, id));
  expect(await readMetric(page, id, 'nearest')).toBe(3);
  expect(await readMetric(page, id, 'nearest-overlap')).toBe(1);
  // And back to the picture with noise: the same drawing as before.
  await fill.click();
  expect(await settled(() => drawing(root), (d) => d === start)).toBe(start);
});
