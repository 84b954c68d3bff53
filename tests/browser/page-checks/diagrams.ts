/**
 * Diagrams on the page. Contract with the site: diagrams are `svg[data-architecture][data-view]`
 * with `role="img"` and a non-empty `<title>`, inside `figure[data-diagram="<id>.<view>"]` with a
 * `[data-zoom]` button and `a[data-download="svg|png"]` links; a figure wider than the column
 * scrolls in its `.rz-scroll` box and shows `.rz-scroll-hint`. (The Zoom dialog is tested in
 * site.test.ts: it needs a page of its own.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { expect } from 'vitest';
import { isArticle, pageCheck } from '../../support/page-checks';
import { ROOT_DIR } from '../../support/site-browser';

const ESN_PATH = '/architectures/echo-state-network/';
/** The smallest text in a diagram is 9 px; shown at 80 % it is about 7 px. */
const MIN_DIAGRAM_SCALE = 0.78;

pageCheck('shows the network diagram as a visible, titled image', { paths: [ESN_PATH], devices: ['desktop'] }, async ({ page }) => {
  const diagram = page.locator('svg[data-architecture="echo-state-network"][data-view="cells"]').first();
  expect(await diagram.isVisible(), 'the diagram is visible').toBe(true);
  const box = await diagram.boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(0);
  expect(await diagram.getAttribute('role')).toBe('img');
  const title = await diagram.evaluate((svg) => svg.querySelector(':scope > title')?.textContent?.trim() ?? '');
  expect(title).not.toBe('');
});

pageCheck('keeps every diagram at 80 % of its size or more, scrolling in a focusable, named box where it is wider', { paths: isArticle }, async ({ page, path }) => {
  await page.waitForFunction(() => document.readyState === 'complete');
  await page.evaluate(() => new Promise(requestAnimationFrame));
  const figures = await page.locator('figure.rz-figure').evaluateAll((els) =>
    els.map((figure) => {
      const svg = figure.querySelector('svg')!;
      const scroll = figure.querySelector<HTMLElement>('.rz-scroll')!;
      const viewBoxWidth = Number(svg.getAttribute('viewBox')!.split(' ')[2]);
      return {
        id: figure.getAttribute('data-diagram') ?? 'legend',
        scale: svg.getBoundingClientRect().width / viewBoxWidth,
        scrolls: scroll.scrollWidth > scroll.clientWidth + 1,
        focusable: scroll.tabIndex === 0,
        named: (scroll.getAttribute('aria-label') ?? '').length > 0,
        hinted: figure.querySelector('.rz-scroll-hint')?.checkVisibility() ?? null,
      };
    }),
  );
  for (const f of figures) {
    expect(f.scale, `${path} ${f.id}: drawn scale`).toBeGreaterThanOrEqual(MIN_DIAGRAM_SCALE);
    if (f.scrolls) expect(f, `${path} ${f.id}: scroll box`).toMatchObject({ focusable: true, named: true });
    // A diagram figure says so in words when it is cut off (the legend has its title in view).
    if (f.hinted !== null) expect(f.hinted, `${path} ${f.id}: "scroll sideways" hint shown exactly when it scrolls`).toBe(f.scrolls);
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${path}: the page itself never scrolls sideways`).toBeLessThanOrEqual(0);
});

pageCheck('offers every diagram for download: the committed SVG byte for byte, and a PNG at twice its size', { paths: [ESN_PATH], schemes: ['light'], devices: ['desktop'] }, async ({ page }) => {
  const links = await page.locator('a[data-download]').evaluateAll((as) => as.map((a) => ({ href: (a as HTMLAnchorElement).href, kind: a.getAttribute('data-download') })));
  expect(links.length).toBeGreaterThanOrEqual(4);
  for (const { href, kind } of links) {
    const file = new URL(href).pathname.split('/').pop()!;
    const response = await page.request.get(href);
    expect(response.status(), href).toBe(200);
    const body = await response.body();
    if (kind === 'svg') {
      expect(response.headers()['content-type']).toMatch(/^image\/svg\+xml/);
      expect(body.toString('utf8')).toBe(readFileSync(join(ROOT_DIR, 'diagrams', file), 'utf8'));
    } else {
      const svg = readFileSync(join(ROOT_DIR, 'diagrams', file.replace(/\.png$/, '.svg')), 'utf8');
      const [width, height] = / width="(\d+)" height="(\d+)"/.exec(svg)!.slice(1).map(Number);
      const png = PNG.sync.read(body);
      expect([png.width, png.height], file).toEqual([2 * width!, 2 * height!]);
    }
  }
});
