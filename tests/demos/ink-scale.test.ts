import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inkOpacity, KEY_VALUES } from '../../src/demos/ink';
import { contrastRatio, parseColour, type Rgb } from '../support/colour';
import { blockAfter, customProperties, resolveVars } from '../support/css-custom-properties';
import { demoFigures } from '../support/demo-figures';
import { parseSvg } from '../support/svg-metadata';
import { PROJECT_ROOT } from '../support/temp-project';

/*
 * The demos draw values in [0, 1] as ink (the figure's currentColor) at an opacity equal to the
 * value (src/demos/ink.ts). What a reader sees is that ink over the page, in the site's light or
 * dark theme: colours read from the sources that ship (Demo.astro's stylesheet, Starlight's palette).
 */
const read = (path: string) => readFileSync(`${PROJECT_ROOT}${path}`, 'utf8');
const starlightCss = read('node_modules/@astrojs/starlight/dist/style/props.css');
const dark = customProperties(blockAfter(starlightCss, /:root,\s*::backdrop\s*\{/));
const light = { ...dark, ...customProperties(blockAfter(starlightCss, /:root\[data-theme='light'\][^{]*\{/)) };
const plotColour = /:global\(\.rz-plot\)\s*\{[^}]*?\bcolor:\s*([^;]+);/.exec(read('src/components/Demo.astro'))?.[1];
if (!plotColour) throw new Error('missing: the color of .rz-plot in src/components/Demo.astro');

const THEMES = [
  ['light', light],
  ['dark', dark],
] as const;

const paint = (palette: Record<string, string>) => ({ ink: parseColour(resolveVars(plotColour, palette)), page: parseColour(resolveVars('var(--sl-color-bg)', palette)) });
const over = (ink: Rgb, page: Rgb, opacity: number): Rgb => ink.map((c, k) => Math.round(c * opacity + page[k]! * (1 - opacity))) as unknown as Rgb;

/** The ink-scale figures whose words speak of more or less ink: the attention maps, the sparse codes, the learned kernels. */
async function inkedFigures(): Promise<string[]> {
  const [attention, sparse, convolution] = await Promise.all(['attention-network', 'sparse-autoencoder', 'convolutional-network'].map(demoFigures));
  return [...attention!.figures.filter((f) => f.includes('rz-heat-map')), ...[sparse!, convolution!].flatMap((d) => d.figures.filter((f) => f.includes('rz-image-grid') && /code|kernel|respond/.test(parseSvg(f).title)))];
}

describe('the demos’ ink scale keeps its meaning in both themes', () => {
  it.each(THEMES)('in the %s theme, more value is more ink: contrast with the page rises with the value, to at least 3:1 at full ink', (_, palette) => {
    const { ink, page } = paint(palette);
    const contrasts = KEY_VALUES.map((v) => contrastRatio(over(ink, page, inkOpacity(v)), page));
    expect(contrasts[0]).toBeCloseTo(1, 5);
    for (let k = 1; k < contrasts.length; k++) expect(contrasts[k]!, `value ${KEY_VALUES[k]}`).toBeGreaterThan(contrasts[k - 1]!);
    expect(contrasts.at(-1)!).toBeGreaterThanOrEqual(3);
  });

  it('every heat map, code and kernel figure draws the key of its scale: both ends written, a swatch per value painted as the values are', async () => {
    const figures = await inkedFigures();
    expect(figures.length).toBeGreaterThanOrEqual(4);
    for (const svg of figures) {
      const parsed = parseSvg(svg);
      const key = parsed.elements.filter((e) => e.ancestorClasses.includes('rz-ink-key'));
      const swatches = key.filter((e) => e.name === 'rect');
      expect(swatches.map((e) => Number(e.attributes['fill-opacity'])), `${parsed.title}: key swatches`).toEqual(KEY_VALUES.map(inkOpacity));
      for (const s of swatches) expect(s.attributes.fill, `${parsed.title}: swatches in the figure's ink`).toBe('currentColor');
      expect(key.filter((e) => e.name === 'text').length, `${parsed.title}: the key's ends and what it measures`).toBe(3);
      // The values themselves use the same paint: currentColor at their opacity.
      const values = parsed.elements.filter((e) => e.attributes['fill-opacity'] !== undefined && !e.ancestorClasses.includes('rz-ink-key'));
      expect(values.length).toBeGreaterThan(0);
      for (const v of values) expect(v.attributes.fill, parsed.title).toBe('currentColor');
    }
  });

  it('the articles describe their demos’ figures without naming a shade that holds in one theme only', () => {
    const SHADE = /\b(dark|darker|darkest|light|lighter|lightest|black|white|bright|brighter)\b/gi;
    const dir = `${PROJECT_ROOT}content/architectures`;
    const found = readdirSync(dir)
      .filter((f) => f.endsWith('.mdx'))
      .flatMap((file) => {
        const text = readFileSync(`${dir}/${file}`, 'utf8');
        const demo = text.indexOf('<Demo ');
        if (demo < 0) return [];
        // The section that holds the demo: from its heading to the next one.
        const start = text.lastIndexOf('\n## ', demo);
        const next = text.indexOf('\n## ', demo);
        const section = text.slice(start < 0 ? 0 : start, next < 0 ? undefined : next);
        return [...section.matchAll(SHADE)].map((m) => `${file}: "${section.slice(Math.max(0, m.index! - 30), m.index! + 30).replace(/\s+/g, ' ')}"`);
      });
    expect(found).toEqual([]);
  });
});
