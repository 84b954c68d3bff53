import { readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import pixelmatch from 'pixelmatch';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG_FONTS, renderPng } from '../../src/render/png';
import { DARK_COLOURS, LIGHT_COLOURS } from '../../src/render/style';
import { parseColour } from '../support/colour';
import { launchChromium } from '../support/chromium';
import { PROJECT_ROOT } from '../support/temp-project';

/*
 * Each committed SVG, rendered outside a browser (resvg, as `npm run diagrams -- --png` does) and by
 * Chromium from the same file, must look the same. Measured on the committed diagrams: 0.2–0.45 %
 * of pixels differ, nearly all of them inside glyphs (hinting and subpixel positioning differ between
 * the two text engines; pixelmatch already skips anti-aliased edge pixels). A colour that a renderer
 * cannot read changes whole boxes: the var-only stylesheet below differs on ~30 % of the pixels.
 * 1 % sits well between the two: about twice the worst honest difference, a thirtieth of a broken one.
 */
const TOLERANCE = 0.01;
/** (0,0,0) and its neighbours: darker than any colour the diagrams use, so only an unreadable paint. */
const isBlack = (r: number, g: number, b: number) => Math.max(r, g, b) < 16;
const MAX_BLACK = 0.001;

const DIAGRAM_DIR = `${PROJECT_ROOT}diagrams/`;
const DIAGRAMS = readdirSync(DIAGRAM_DIR).filter((f) => f.endsWith('.svg')).sort();
const ORIGIN = 'http://standalone.test';
const VAR_ONLY_CSS = readFileSync(new URL('fixtures/var-only-style.css', import.meta.url), 'utf8');

/** Served to the browser by path: the files under test, and the fonts resvg is given. */
const served = new Map<string, { body: string | Buffer; contentType: string }>();

const size = (svg: string) => ({
  width: Number(/ width="(\d+)"/.exec(svg)?.[1]),
  height: Number(/ height="(\d+)"/.exec(svg)?.[1]),
});

let browser: Browser;
let page: Page;

beforeAll(async () => {
  for (const font of PNG_FONTS.fontFiles) served.set(`/fonts/${basename(font)}`, { body: readFileSync(font), contentType: 'font/ttf' });
  browser = await launchChromium();
  page = await browser.newPage({ colorScheme: 'light', deviceScaleFactor: 1 });
  await page.route(`${ORIGIN}/**`, async (route) => {
    const file = served.get(new URL(route.request().url()).pathname);
    await (file ? route.fulfill({ body: file.body, contentType: file.contentType }) : route.fulfill({ status: 404 }));
  });
});

afterAll(async () => {
  await browser?.close();
});

/** Opens an SVG as a document of its own (not inlined in a page), at its own pixel size. */
async function openStandalone(svg: string): Promise<void> {
  served.set('/diagram.svg', { body: svg, contentType: 'image/svg+xml' });
  await page.setViewportSize(size(svg));
  await page.goto(`${ORIGIN}/diagram.svg`);
  // The fonts resvg is given, as if installed: a Chromium without DejaVu Sans (the bundled
  // @sparticuz build has only Open Sans) would otherwise compare two typefaces, not two renderings.
  const faces = PNG_FONTS.fontFiles.map((font) => ({ url: `/fonts/${basename(font)}`, weight: font.includes('Bold') ? 700 : 400 }));
  const loaded = await page.evaluate(async (list) => {
    const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
    style.textContent = list.map((f) => `@font-face{font-family:'DejaVu Sans';font-weight:${f.weight};src:url(${f.url})}`).join('\n');
    document.documentElement.prepend(style);
    return (await Promise.all(list.map((f) => document.fonts.load(`${f.weight} 10px 'DejaVu Sans'`)))).flat().length;
  }, faces);
  expect(loaded).toBe(faces.length);
}

async function chromiumPixels(svg: string): Promise<PNG> {
  await openStandalone(svg);
  return PNG.sync.read(await page.screenshot({ clip: { x: 0, y: 0, ...size(svg) } }));
}

const resvgPixels = (svg: string): PNG => PNG.sync.read(Buffer.from(renderPng(svg, { scale: 1 })));

function differingFraction(a: PNG, b: PNG): number {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  return pixelmatch(a.data, b.data, null, a.width, a.height, { threshold: 0.1 }) / (a.width * a.height);
}

function blackFraction(image: PNG): number {
  let black = 0;
  for (let i = 0; i < image.data.length; i += 4) if (isBlack(image.data[i]!, image.data[i + 1]!, image.data[i + 2]!)) black++;
  return black / (image.width * image.height);
}

/** A colour as getComputedStyle reports it. */
const css = (colour: string) => `rgb(${parseColour(colour).join(', ')})`;

const withStylesheet = (svg: string, css: string) => svg.replace(/<style>[\s\S]*?<\/style>/, () => `<style>${css}</style>`);

describe('standalone SVG files', () => {
  it('are all found', () => {
    expect(DIAGRAMS.length).toBeGreaterThanOrEqual(8);
  });

  it.each(DIAGRAMS)('%s renders outside a browser (resvg) as Chromium renders it, with no black blocks', async (file) => {
    const svg = readFileSync(`${DIAGRAM_DIR}${file}`, 'utf8');
    const resvg = resvgPixels(svg);
    expect(differingFraction(resvg, await chromiumPixels(svg))).toBeLessThan(TOLERANCE);
    expect(blackFraction(resvg)).toBeLessThan(MAX_BLACK);
  });

  it.each(DIAGRAMS)('%s sets every text, in DejaVu Sans, inside the picture, its group box and its legend entry', async (file) => {
    await openStandalone(readFileSync(`${DIAGRAM_DIR}${file}`, 'utf8'));
    const problems = await page.evaluate(() => {
      type Box = { left: number; right: number; top: number; bottom: number };
      const box = (e: Element): Box => e.getBoundingClientRect();
      const inside = (a: Box, b: Box) => a.left >= b.left && a.right <= b.right && a.top >= b.top && a.bottom <= b.bottom;
      const overlap = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      const name = (e: Element) => `"${e.textContent}"`;
      const found: string[] = [];
      const picture = box(document.documentElement);
      for (const text of document.querySelectorAll('text')) if (!inside(box(text), picture)) found.push(`${name(text)} leaves the picture`);
      for (const group of document.querySelectorAll('[data-group-box]')) {
        const frame = box(group.querySelector('rect')!);
        for (const text of group.querySelectorAll('text')) if (!inside(box(text), frame)) found.push(`${name(text)} leaves its group box`);
      }
      // Entries (sample + text) flow in rows; a text wider than the room it was given runs into the next.
      const entries = [...document.querySelectorAll('.rz-legend > *')];
      entries.forEach((a, i) => {
        for (const b of entries.slice(i + 1)) if (overlap(box(a), box(b))) found.push(`legend entries ${name(a)} and ${name(b)} overlap`);
      });
      return found;
    });
    expect(problems).toEqual([]);
  });

  it('would fail a file whose colours exist only as custom properties (the old stylesheet)', async () => {
    const svg = withStylesheet(readFileSync(`${DIAGRAM_DIR}echo-state-network.cells.svg`, 'utf8'), VAR_ONLY_CSS);
    const resvg = resvgPixels(svg);
    // Chromium still resolves the var() fallbacks; resvg paints every group box and cell black.
    expect(differingFraction(resvg, await chromiumPixels(svg))).toBeGreaterThan(10 * TOLERANCE);
    expect(blackFraction(resvg)).toBeGreaterThan(100 * MAX_BLACK);
  });

  it('still follow a dark colour scheme and --zoo-* variables in a browser', async () => {
    const svg = readFileSync(`${DIAGRAM_DIR}echo-state-network.cells.svg`, 'utf8');
    const colours = () =>
      page.evaluate(() => {
        const fill = (selector: string) => getComputedStyle(document.querySelector(selector)!).fill;
        return { group: fill('.rz-group'), caption: fill('.rz-caption'), background: getComputedStyle(document.documentElement).backgroundColor };
      });
    const palette = (colours: Readonly<Partial<Record<'group' | 'muted' | 'paper', string>>>) => ({
      group: css(colours.group!),
      caption: css(colours.muted!),
      background: css(colours.paper!),
    });
    await openStandalone(svg);
    expect(await colours()).toEqual(palette(LIGHT_COLOURS));
    await page.emulateMedia({ colorScheme: 'dark' });
    try {
      await openStandalone(svg);
      expect(await colours()).toEqual(palette(DARK_COLOURS));
      await page.evaluate(() => document.documentElement.style.setProperty('--zoo-group', 'rgb(1, 2, 3)'));
      expect((await colours()).group).toBe('rgb(1, 2, 3)');
    } finally {
      await page.emulateMedia({ colorScheme: 'light' });
    }
  });
});
