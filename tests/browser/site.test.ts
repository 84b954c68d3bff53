/**
 * Browser tests of the built site's reading pages (`npm test` builds it first) that need a page of
 * their own: following the next links from the first article to the last, the phone menu, the 404
 * page and the Zoom dialog. What every page must show, in both colour schemes on a desktop and a
 * phone (sidebar, diagrams at a readable size, downloads, axe-core…), is checked on one visit per
 * page by pages.test.ts (tests/browser/page-checks/); the demos have their own files. Every visit
 * also fails on a console error, a failed request or an HTTP error (tests/support/site-browser.ts).
 */
import { describe } from 'vitest';
import { registry } from '../../src/architecture/registry.vite';
import { expectNoAxeViolations } from '../support/accessibility';
import { articlePaths, DEVICES } from '../support/page-checks';
import { useBuiltSite } from '../support/site-browser';

const ESN_PATH = '/architectures/echo-state-network/';
const { desktop: DESKTOP, phone: PHONE } = DEVICES;
const ARTICLES = articlePaths();

const { test: it } = useBuiltSite();

describe.concurrent('navigation', () => {
  it('chains every article by its next links, in sidebar order, from the first to the last', async ({ visit, expect }) => {
    const { page } = await visit(ARTICLES[0]!, DESKTOP);
    const order = (await page.locator('#starlight__sidebar a[href]').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname))).filter((p) => ARTICLES.includes(p));
    await page.goto(new URL(order[0]!, page.url()).href);
    const seen = [new URL(page.url()).pathname];
    for (;;) {
      const next = page.locator('.pagination-links a[rel="next"]');
      if ((await next.count()) === 0) break;
      await Promise.all([page.waitForURL((u) => u.pathname !== seen.at(-1)), next.click()]);
      seen.push(new URL(page.url()).pathname);
    }
    expect(seen).toEqual(order);
    expect([...seen].sort()).toEqual(ARTICLES);
  }, 180_000);

  it('lists every architecture in the phone menu', async ({ visit, expect }) => {
    const { page } = await visit(ESN_PATH, PHONE);
    await page.locator('button.sl-menu-button').click();
    const links = await page.locator('#starlight__sidebar a[href]:visible').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(links).toEqual(expect.arrayContaining(registry.architectures.map((a) => `/architectures/${a.id}/`)));
  });

  it('offers a way back from a page that does not exist', async ({ visit, expect }) => {
    const { page } = await visit('/no/such/page/', DESKTOP, 404);
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/not in the zoo/i);
    const home = page.locator('main a', { hasText: /home page/i });
    expect(await home.getAttribute('href')).toBe('/');
    const links = await page.locator('main a[href^="/architectures/"]').count();
    expect(links).toBe(registry.architectures.length);
  });
});

describe.concurrent('diagrams on the page', () => {
  it('opens a full-size, pannable zoom view that closes with Escape and returns focus', async ({ visit, expect }) => {
    const { page } = await visit(ESN_PATH, PHONE);
    const figure = page.locator('figure[data-diagram="echo-state-network.cells"]').first();
    const zoom = figure.locator('[data-zoom]');
    await zoom.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const svg = dialog.locator('svg');
    const natural = Number((await svg.getAttribute('viewBox'))!.split(' ')[2]);
    expect((await svg.boundingBox())!.width, 'zoom opens at full size').toBeCloseTo(natural, 0);
    // The copy does not repeat the ids of the diagram on the page.
    const duplicateIds = await page.evaluate(() => {
      const ids = Array.from(document.querySelectorAll('[id]')).map((e) => e.id);
      return ids.filter((id, i) => ids.indexOf(id) !== i);
    });
    expect(duplicateIds).toEqual([]);
    // Wider than a phone: the stage scrolls (pans) with the arrow keys.
    const stage = dialog.locator('.rz-zoom-stage');
    await stage.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => stage.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    await page.keyboard.press('+');
    expect((await svg.boundingBox())!.width).toBeGreaterThan(natural * 1.2);
    await expectNoAxeViolations(page, 'the zoom dialog');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await zoom.evaluate((el) => el === document.activeElement), 'focus is back on the Zoom button').toBe(true);
  });
});
