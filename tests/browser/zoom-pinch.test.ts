/**
 * The zoom dialog on a phone (tests/browser/site.test.ts has the rest of the zoom viewer): two
 * fingers pinch the diagram bigger and smaller, the page itself stays at its scale, and the zoom
 * buttons still step from wherever the pinch left off. Touches are sent as Chromium receives them
 * from a touch screen (CDP Input.dispatchTouchEvent).
 */
import { describe, expect, it } from 'vitest';
import { useBuiltSite } from '../support/site-browser';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true };
const PATH = '/architectures/echo-state-network/';

const { visit } = useBuiltSite();

describe('the zoom dialog on a phone', () => {
  it('zooms the diagram with a two-finger pinch, keeps the page at its scale, and its buttons still work', async () => {
    const { page, context } = await visit(PATH, PHONE);
    await page.locator('figure[data-diagram="echo-state-network.cells"] [data-zoom]').first().click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const svg = dialog.locator('svg');
    const level = dialog.locator('.rz-zoom-level');
    const width = async () => (await svg.boundingBox())!.width;
    const natural = await width();
    expect(await dialog.locator('.rz-zoom-stage').evaluate((el) => getComputedStyle(el).touchAction)).toBe('manipulation');

    const box = (await dialog.locator('.rz-zoom-stage').boundingBox())!;
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    const cdp = await context.newCDPSession(page);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', half: number) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints: type === 'touchEnd' ? [] : [{ x: cx - half, y: cy, id: 1 }, { x: cx + half, y: cy, id: 2 }],
      });
    /** Two fingers from `from` to `to` apart, in small moves as a hand makes them. */
    const pinch = async (from: number, to: number) => {
      await touch('touchStart', from / 2);
      for (let k = 1; k <= 8; k++) await touch('touchMove', (from + ((to - from) * k) / 8) / 2);
      await touch('touchEnd', 0);
    };

    await pinch(60, 120);
    await expect.poll(width).toBeGreaterThan(natural * 1.8);
    expect(await level.textContent()).toMatch(/^(19\d|20\d) %$/);
    expect(await page.evaluate(() => window.visualViewport?.scale ?? 1), 'the page itself is not zoomed').toBeCloseTo(1, 2);

    await pinch(160, 80);
    await expect.poll(width).toBeLessThan(natural * 1.1);

    // The buttons step on from the pinched scale.
    const before = await width();
    await dialog.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(width).toBeGreaterThan(before * 1.1);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
  });
});
