import { describe, expect, it } from 'vitest';
import { textWidth } from '../../src/demos/text-width';
import { DEMO_IDS, demoFigures } from '../support/demo-figures';
import { figureLayout, textProblems, unitsPerPixel } from '../support/figure-text';
import { parseSvg } from '../support/svg-metadata';

describe('every demo’s figures, drawn by the demo itself at its cheapest settings', () => {
  it.each(DEMO_IDS)('%s: every text lies inside its canvas and clear of the others, sized within the layout’s estimate', async (id) => {
    const { figures } = await demoFigures(id);
    expect(figures.length, 'figures').toBeGreaterThan(0);
    for (const svg of figures) {
      const parsed = parseSvg(svg);
      const layout = figureLayout(svg);
      expect(textProblems(layout), parsed.title).toEqual([]);
      // Layout reserves room with textWidth: it must not be narrower than what is drawn.
      const size = Number(parsed.root['font-size']);
      const under = layout.texts.filter((t) => !t.multiline && !t.turned && t.box.width > textWidth(t.text, size) + 0.5);
      expect(under.map((t) => `"${t.text}": ${t.box.width.toFixed(1)} > ${textWidth(t.text, size)}`), `${parsed.title}: texts wider than estimated`).toEqual([]);
    }
  });

  it.each(DEMO_IDS)('%s: a plot of a shape (a ring, a circle) is drawn to equal scales, says so, and has equal units per pixel on both axes', async (id) => {
    const { figures } = await demoFigures(id);
    for (const svg of figures) {
      const parsed = parseSvg(svg);
      const words = [parsed.title, parsed.desc, ...parsed.elements.filter((e) => e.name === 'text').map((e) => e.content)].join(' ');
      const equal = parsed.root['data-aspect'] === 'equal';
      if (/\b(ring|circle)\b/i.test(words) && parsed.root.class === 'rz-plot') expect(equal, `${parsed.title}: data-aspect="equal"`).toBe(true);
      if (!equal) continue;
      expect(parsed.desc, `${parsed.title}: <desc>`).toMatch(/same scale/);
      expect(parsed.elements.some((e) => e.name === 'text' && /same scale/.test(e.content)), `${parsed.title}: a visible note`).toBe(true);
      const [x, y] = [unitsPerPixel(svg, 'x'), unitsPerPixel(svg, 'y')];
      expect(x && y && Math.abs(x / y - 1), `${parsed.title}: units per pixel, x ${x} and y ${y}`).toBeLessThan(0.01);
    }
  });
});
