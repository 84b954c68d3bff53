/**
 * Browser tests of the built site's reading pages (`npm test` builds it first): navigation, diagrams
 * with zoom and downloads, small screens, dark mode and accessibility. The demos have their own
 * suite (demos.test.ts). Every visit also fails on a console error, a failed request or an HTTP error
 * (tests/support/site-browser.ts).
 *
 * Contract with the site: the home page has a `[data-architecture-card]` per architecture, each with
 * an inline `<svg>` thumbnail and one link; diagrams are `svg[data-architecture][data-view]` with
 * `role="img"` and a non-empty `<title>`, inside `figure[data-diagram="<id>.<view>"]` with a
 * `[data-zoom]` button and `a[data-download="svg|png"]` links.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { registry } from '../../src/architecture/registry.vite';
import { expectAccessibleBasics, expectNoAxeViolations } from '../support/accessibility';
import { ROOT_DIR, useBuiltSite } from '../support/site-browser';

const ESN_PATH = '/architectures/echo-state-network/';
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1400, height: 900 } };
/** The smallest text in a diagram is 9 px; shown at 80 % it is about 7 px. */
const MIN_DIAGRAM_SCALE = 0.78;

/** Every article, as its URL path, read from content/ (not from the build, which is what is tested). */
function articlePaths(): string[] {
  const root = join(ROOT_DIR, 'content');
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  return walk(root)
    .filter((f) => /\.mdx?$/.test(f))
    .map((f) => relative(root, f).replace(/\.mdx?$/, ''))
    .filter((slug) => slug.includes('/')) // index and 404 sit at the top; articles live in sections
    .map((slug) => `/${slug}/`)
    .sort();
}
const ARTICLES = articlePaths();
const PAGES = ['/', ...ARTICLES];

const { visit } = useBuiltSite();

describe('navigation', () => {
  it.each(ARTICLES)('%s has every article in its sidebar, and previous/next links', async (path) => {
    const { page } = await visit(path, DESKTOP);
    const sidebar = await page.locator('#starlight__sidebar a[href]').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect([...new Set(sidebar)].filter((p) => ARTICLES.includes(p)).sort()).toEqual(ARTICLES);
    const pagination = await page.locator('.pagination-links a[href]').count();
    expect(pagination, 'previous and/or next links').toBeGreaterThanOrEqual(1);
  });

  it('chains every article by its next links, in sidebar order, from the first to the last', async () => {
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
  }, 60_000);

  it('lists every architecture in the phone menu', async () => {
    const { page } = await visit(ESN_PATH, PHONE);
    await page.locator('button.sl-menu-button').click();
    const links = await page.locator('#starlight__sidebar a[href]:visible').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(links).toEqual(expect.arrayContaining(registry.architectures.map((a) => `/architectures/${a.id}/`)));
  });

  it('offers a way back from a page that does not exist', async () => {
    const { page } = await visit('/no/such/page/', DESKTOP, 404);
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/not in the zoo/i);
    const home = page.locator('main a', { hasText: /home page/i });
    expect(await home.getAttribute('href')).toBe('/');
    const links = await page.locator('main a[href^="/architectures/"]').count();
    expect(links).toBe(registry.architectures.length);
  });
});

describe('the home page', () => {
  it('has one card per architecture, each a short link by name with a visible pictogram', async () => {
    const { page } = await visit('/', DESKTOP);
    const cards = await page.locator('[data-architecture-card]').evaluateAll((elements) =>
      elements.map((card) => {
        const links = card.querySelectorAll('a[href]');
        const svg = card.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        return {
          id: card.getAttribute('data-architecture-card'),
          links: links.length,
          href: links[0]?.getAttribute('href'),
          visibleText: svg ? Array.from(svg.querySelectorAll('text')).filter((t) => getComputedStyle(t).display !== 'none').length : -1,
          hidden: svg?.closest('[aria-hidden="true"]') !== null,
          width: box?.width ?? 0,
          height: box?.height ?? 0,
        };
      }),
    );
    expect(cards.map((c) => c.id).sort()).toEqual(registry.architectures.map((a) => a.id).sort());
    // Grouped by family, under a heading each, every card in its own architecture's family.
    const families = await page.locator('[data-family]').evaluateAll((sections) =>
      sections.map((s) => ({ family: s.getAttribute('data-family'), heading: s.querySelector('h3')?.textContent ?? '', cards: Array.from(s.querySelectorAll('[data-architecture-card]')).map((c) => c.getAttribute('data-architecture-card')) })),
    );
    for (const { family, heading, cards: ids } of families) {
      expect(heading, `${family}: heading`).not.toBe('');
      for (const id of ids) expect(registry.get(id!).family, `${id} is listed under ${family}`).toBe(family);
    }
    for (const card of cards) {
      expect(card, `${card.id}: one link to its article`).toMatchObject({ links: 1, href: `/architectures/${card.id}/` });
      expect(card, `${card.id}: a drawn, text-free thumbnail hidden from screen readers`).toMatchObject({ visibleText: 0, hidden: true });
      expect(card.width * card.height, `${card.id}: thumbnail size`).toBeGreaterThan(0);
    }
    // The accessible name of each link, as Chromium computes it: the architecture's name, not the diagram's description.
    const snapshot = await page.locator('main').ariaSnapshot();
    for (const a of registry.architectures) expect(snapshot).toContain(`link "${a.name} (${a.abbreviation})"`);
  });
});

describe('diagrams on the page', () => {
  it('shows the network diagram as a visible, titled image', async () => {
    const { page } = await visit(ESN_PATH, DESKTOP);
    const diagram = page.locator('svg[data-architecture="echo-state-network"][data-view="cells"]').first();
    expect(await diagram.isVisible(), 'the diagram is visible').toBe(true);
    const box = await diagram.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(0);
    expect(await diagram.getAttribute('role')).toBe('img');
    const title = await diagram.evaluate((svg) => svg.querySelector(':scope > title')?.textContent?.trim() ?? '');
    expect(title).not.toBe('');
  });

  it.each([
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ])('keeps every diagram at 80 %% of its size or more, scrolling in a focusable, named box where it is wider (%s)', async (_, device) => {
    for (const path of ARTICLES) {
      const { page } = await visit(path, device);
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
    }
  }, 120_000);

  it('opens a full-size, pannable zoom view that closes with Escape and returns focus', async () => {
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

  it('offers every diagram for download: the committed SVG byte for byte, and a PNG at twice its size', async () => {
    const { page } = await visit(ESN_PATH, DESKTOP);
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
});

describe('articles', () => {
  it('cite their papers with spaces between the parts', async () => {
    const { page } = await visit('/architectures/echo-state-network/', DESKTOP);
    const citation = (await page.locator('.rz-paper').first().innerText()).replace(/\s+/g, ' ').trim();
    expect(citation).toMatch(/\(\d{4}\)\. \S.*\. \S/);
    expect(citation).not.toMatch(/\.[A-Z]/);
  });
});

describe.each([
  ['light', 'desktop', DESKTOP],
  ['dark', 'desktop', DESKTOP],
  ['light', 'phone', PHONE],
  ['dark', 'phone', PHONE],
] as const)('every page in %s mode on a %s', (scheme, _, device) => {
  it.each(PAGES)('%s has no axe-core violation and the accessibility basics', async (path) => {
    const { page } = await visit(path, { ...device, colorScheme: scheme });
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(scheme);
    await expectNoAxeViolations(page, `${path} (${scheme}, ${device.viewport.width} px)`);
    await expectAccessibleBasics(page);
  });
});
