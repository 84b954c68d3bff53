import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OP_DIAGRAM_CSS } from '../../src/render/op-style';
import { DIAGRAM_CSS } from '../../src/render/style';
import { contrastRatio, parseColour, type Rgb } from '../support/colour';
import { blockAfter, customProperties, resolveVars } from '../support/css-custom-properties';
import { PROJECT_ROOT } from '../support/temp-project';

/*
 * Every colour here is read from the sources that ship: DIAGRAM_CSS and OP_DIAGRAM_CSS, the
 * internals view's superset of it (standalone defaults and which rule paints with which token), src/styles/theme.css (the site's --zoo-* mapping) and Starlight's
 * own palette. Nothing is typed twice, so regressing any of them fails this test.
 */

const read = (path: string) => readFileSync(`${PROJECT_ROOT}${path}`, 'utf8');

/** Token → colour text, e.g. ink → #1f2328: the fallbacks of `--rz-ink:var(--zoo-ink,#1f2328)`. */
const defaultsIn = (block: string): Record<string, string> =>
  Object.fromEntries(Object.entries(customProperties(block)).map(([name, value]) => [name.replace(/^rz-/, ''), resolveVars(value, {})]));

const lightDefaults = defaultsIn(blockAfter(DIAGRAM_CSS, /^\.rz-diagram\{/m));
const darkDefaults = { ...lightDefaults, ...defaultsIn(blockAfter(DIAGRAM_CSS, /@media \(prefers-color-scheme:dark\)\{/)) };

/** `selector property` → token, from the themed rules (the ones browsers apply). */
const themedPaint = new Map<string, string>();
for (const [, selectors, body] of blockAfter(OP_DIAGRAM_CSS, /@supports[^{]*\{/).matchAll(/([^{}]+)\{([^}]*)\}/g))
  for (const [, property, token] of body!.matchAll(/(fill|stroke):var\(--rz-([\w-]+)\)/g))
    for (const selector of selectors!.split(',')) themedPaint.set(`${selector.trim().replace(/^\.rz-diagram /, '')} ${property}`, token!);

/** `selector property` → colour, from the plain rules (the ones renderers without custom properties apply). */
const plainPaint = new Map<string, string>();
for (const [, selectors, body] of OP_DIAGRAM_CSS.slice(0, OP_DIAGRAM_CSS.indexOf('@supports')).matchAll(/^([^@{}][^{}]*)\{([^}]*)\}/gm))
  for (const [, property, colour] of body!.matchAll(/(fill|stroke):(#[0-9a-f]{3,6})/g))
    for (const selector of selectors!.split(',')) plainPaint.set(`${selector.trim().replace(/^\.rz-diagram /, '')} ${property}`, colour!);

// The site: theme.css maps --zoo-* onto Starlight's colours, which Starlight sets per theme.
const siteMapping = Object.fromEntries(
  Object.entries(customProperties(blockAfter(read('src/styles/theme.css'), /^:root\s*\{/m))).map(([name, value]) => [name.replace(/^zoo-/, ''), value]),
);
const starlightCss = read('node_modules/@astrojs/starlight/dist/style/props.css');
const starlightDark = customProperties(blockAfter(starlightCss, /:root,\s*::backdrop\s*\{/));
const starlightLight = { ...starlightDark, ...customProperties(blockAfter(starlightCss, /:root\[data-theme='light'\][^{]*\{/)) };
/** Tokens the site leaves alone keep the standalone default (the same in both schemes: checked below). */
const sitePalette = (starlight: Record<string, string>) => ({
  ...lightDefaults,
  ...Object.fromEntries(Object.entries(siteMapping).map(([token, value]) => [token, resolveVars(value, starlight)])),
});

const SCHEMES: readonly (readonly [string, Record<string, string>])[] = [
  ['standalone file, light scheme', lightDefaults],
  ['standalone file, dark scheme', darkDefaults],
  ['site, light theme', sitePalette(starlightLight)],
  ['site, dark theme', sitePalette(starlightDark)],
];

interface Pair {
  readonly what: string;
  readonly ratio: number;
  readonly minimum: number;
}

/** Every pair of colours a reader must tell apart, with WCAG's minimum: 4.5:1 for text, 3:1 for graphics. */
function pairs(palette: Record<string, string>): Pair[] {
  const token = (selector: string, property: 'fill' | 'stroke') => {
    const name = themedPaint.get(`${selector} ${property}`);
    if (!name) throw new Error(`missing: ${selector} {${property}} in OP_DIAGRAM_CSS`);
    return name;
  };
  const colour = (name: string): Rgb => parseColour(palette[name] ?? '');
  const paint = (selector: string, property: 'fill' | 'stroke') => colour(token(selector, property));
  const backgrounds = { 'group fill': paint('.rz-group', 'fill'), paper: colour('paper') };
  const result: Pair[] = [];
  const against = (what: string, fg: Rgb, minimum: number, on: Record<string, Rgb> = backgrounds) => {
    for (const [where, bg] of Object.entries(on)) result.push({ what: `${what} on ${where}`, ratio: contrastRatio(fg, bg), minimum });
  };

  // Text.
  against('label text', paint('text', 'fill'), 4.5);
  against('caption text', paint('.rz-caption', 'fill'), 4.5);
  against('legend text', paint('.rz-legend-text', 'fill'), 4.5, { paper: backgrounds.paper });
  against('badge text', paint('.rz-badge text', 'fill'), 4.5, { 'badge fill': paint('.rz-badge rect', 'fill') });
  // Lines and markers, where they cross groups and the space between them.
  against('edge stroke', paint('.rz-edge', 'stroke'), 3);
  against('recurrent dashes', paint('.rz-kind-recurrent', 'stroke'), 3);
  against('badge outline', paint('.rz-badge rect', 'stroke'), 3);
  against('arrowhead', paint('.rz-marker-solid', 'fill'), 3);
  against('fixed-weight ◇ outline', paint('.rz-marker-line', 'stroke'), 3, { ...backgrounds, '◇ fill': paint('.rz-marker-line', 'fill') });
  against('lattice lines', paint('.rz-lattice', 'stroke'), 3);
  against('residual core', paint('.rz-kind-residual-core', 'stroke'), 3, { 'edge stroke': paint('.rz-edge', 'stroke') });
  // Cells: marks on every body fill; the body stands out by its outline or by its fill, whichever is stronger.
  for (const [key, name] of themedPaint) {
    const cell = /^(\.rz-cell-[\w-]+) \.rz-body fill$/.exec(key)?.[1];
    if (!cell) continue;
    const fill = colour(name);
    against(`${cell} mark`, paint('.rz-mark', 'stroke'), 3, { body: fill });
    against(`${cell} dot mark`, paint('.rz-mark-fill', 'fill'), 3, { body: fill });
    for (const [where, bg] of Object.entries(backgrounds))
      result.push({
        what: `${cell} outline or fill on ${where}`,
        ratio: Math.max(contrastRatio(paint('.rz-body', 'stroke'), bg), contrastRatio(fill, bg)),
        minimum: 3,
      });
  }
  // The internals view: operations on the page (×, +, 1−, tanh), gates and weight boxes with fills of their own.
  // A more specific rule that leaves a property alone leaves it to the general one (the cascade).
  const cascaded = (specific: string, general: string, property: 'fill' | 'stroke') =>
    themedPaint.has(`${specific} ${property}`) ? paint(specific, property) : paint(general, property);
  for (const [what, body, outline, symbol] of [
    ['op', paint('.rz-op-body', 'fill'), paint('.rz-op-body', 'stroke'), paint('.rz-op-symbol', 'fill')],
    ['gate op', paint('.rz-op-gate .rz-op-body', 'fill'), cascaded('.rz-op-gate .rz-op-body', '.rz-op-body', 'stroke'), cascaded('.rz-op-gate .rz-op-symbol', '.rz-op-symbol', 'fill')],
    ['weight box', paint('.rz-op-matmul .rz-op-body', 'fill'), cascaded('.rz-op-matmul .rz-op-body', '.rz-op-body', 'stroke'), paint('.rz-op-box-text', 'fill')],
    ['terminal', paint('.rz-terminal-body', 'fill'), paint('.rz-terminal-body', 'stroke'), paint('.rz-terminal-text', 'fill')],
  ] as const) {
    against(`${what} symbol`, symbol, 4.5, { [`${what} fill`]: body });
    result.push({
      what: `${what} outline or fill on paper`,
      ratio: Math.max(contrastRatio(outline, backgrounds.paper), contrastRatio(body, backgrounds.paper)),
      minimum: 3,
    });
  }
  against('data-flow line', paint('.rz-flow', 'stroke'), 3, { paper: backgrounds.paper });
  against('h state line', paint('.rz-flow-h', 'stroke'), 3, { paper: backgrounds.paper });
  against('c state line', paint('.rz-flow-c', 'stroke'), 3, { paper: backgrounds.paper });
  return result;
}

describe('diagram colours', () => {
  it('give every colour a browser themes a plain default, the light one, for renderers without custom properties', () => {
    expect(themedPaint.size).toBeGreaterThan(20);
    for (const [key, token] of themedPaint) expect(plainPaint.get(key), key).toBe(lightDefaults[token]);
    expect([...plainPaint.keys()].sort()).toEqual([...themedPaint.keys()].sort());
  });

  it('are mapped by the site for every token whose default differs between light and dark', () => {
    // Otherwise a page in Starlight's dark theme on a light-scheme OS would mix the two palettes.
    const schemeDependent = Object.keys(lightDefaults).filter((t) => lightDefaults[t] !== darkDefaults[t]);
    expect(schemeDependent.length).toBeGreaterThan(0);
    for (const token of schemeDependent) expect(siteMapping, token).toHaveProperty(token);
  });

  it.each(SCHEMES)('%s: text ≥ 4.5:1 and lines, markers and cells ≥ 3:1 against what they sit on', (_, palette) => {
    const measured = pairs(palette);
    expect(measured.length).toBeGreaterThan(30);
    const failing = measured.filter((p) => p.ratio < p.minimum).map((p) => `${p.what}: ${p.ratio.toFixed(2)}:1 < ${p.minimum}:1`);
    expect(failing).toEqual([]);
  });
});

describe('contrast arithmetic', () => {
  it('matches WCAG reference values', () => {
    expect(contrastRatio(parseColour('#000'), parseColour('#fff'))).toBeCloseTo(21, 5);
    expect(contrastRatio(parseColour('#777777'), parseColour('#ffffff'))).toBeCloseTo(4.48, 2);
    expect(parseColour('hsl(224, 10%, 10%)')).toEqual([23, 24, 28]);
  });

  it('fails the site mapping it replaced: blue dashes and gray-3 captions on the dark group fill', () => {
    const replaced = { ...sitePalette(starlightDark), delay: resolveVars('var(--sl-color-blue)', starlightDark), muted: resolveVars('var(--sl-color-gray-3)', starlightDark) };
    const failing = pairs(replaced).filter((p) => p.ratio < p.minimum).map((p) => p.what);
    expect(failing).toEqual(expect.arrayContaining(['recurrent dashes on group fill', 'caption text on group fill']));
  });
});
