/**
 * A demo's drawing grid (a `pixels` parameter: toggle buttons, src/components/Demo.astro) in both
 * colour schemes on both devices: it fits the column, and its pixels, on or off, and the focus ring
 * keep 3:1 against the page (WCAG 1.4.11, non-text contrast).
 */
import { expect } from 'vitest';
import { type Rgb, contrastRatio } from '../../support/colour';
import { pageCheck } from '../../support/page-checks';

const rgb = (css: string): Rgb => (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number) as unknown as Rgb;

pageCheck('keeps the demo’s drawing grid inside the column, its pixels and focus ring at 3:1', { paths: ['/architectures/hopfield-network/'] }, async ({ page }) => {
  const grid = page.locator('.rz-pixels').first();
  const colours = await grid.evaluate((el) => {
    const style = (q: string) => getComputedStyle(el.querySelector(q)!);
    const off = el.querySelector<HTMLButtonElement>('[aria-pressed="false"]')!;
    const on = el.querySelector<HTMLButtonElement>('[aria-pressed="true"]')!;
    off.focus({ focusVisible: true } as FocusOptions);
    const focus = getComputedStyle(off);
    const ring = { colour: focus.outlineColor, style: focus.outlineStyle, width: parseFloat(focus.outlineWidth) };
    off.blur();
    const box = el.getBoundingClientRect();
    return {
      page: getComputedStyle(document.body).backgroundColor,
      offBorder: getComputedStyle(off).borderTopColor,
      onFill: getComputedStyle(on).backgroundColor,
      offFill: style('[aria-pressed="false"]').backgroundColor,
      ring,
      right: box.right,
      width: document.documentElement.clientWidth,
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    };
  });
  expect(colours.right, 'the grid’s right edge within the page').toBeLessThanOrEqual(colours.width);
  expect(colours.overflow, 'no sideways scrolling').toBeLessThanOrEqual(0);
  const page_ = rgb(colours.page);
  expect(contrastRatio(rgb(colours.offBorder), page_), 'an off pixel’s frame against the page').toBeGreaterThanOrEqual(3);
  expect(contrastRatio(rgb(colours.onFill), page_), 'an on pixel against the page').toBeGreaterThanOrEqual(3);
  expect(contrastRatio(rgb(colours.onFill), rgb(colours.offFill)), 'on against off').toBeGreaterThanOrEqual(3);
  expect(colours.ring.style, 'a focused pixel’s outline').toBe('solid');
  expect(colours.ring.width).toBeGreaterThanOrEqual(2);
  expect(contrastRatio(rgb(colours.ring.colour), page_), 'the focus ring against the page').toBeGreaterThanOrEqual(3);
});
