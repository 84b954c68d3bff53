/**
 * Where the texts of a demo figure (an SVG string from src/demos: plot, heat map, image grid,
 * colour grid) are drawn: each `<text>` set in DejaVu Sans by resvg, as the PNG export sets
 * diagrams. DejaVu Sans is the widest of the faces the site's font stack falls back to, so a text
 * that fits here fits in the narrower system faces too.
 */
import { Resvg } from '@resvg/resvg-js';
import { PNG_FONTS } from '../../src/render/png';
import { parseSvg } from './svg-metadata';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface FigureText {
  /** The text as read, tspans joined. */
  readonly text: string;
  /** Its ink, in the figure's viewBox units. */
  readonly box: Box;
  /** Set on several lines (tspans), or turned (a transform): its box is not one line's width. */
  readonly multiline: boolean;
  readonly turned: boolean;
}

export interface FigureLayout {
  readonly viewBox: Box;
  readonly texts: readonly FigureText[];
}

/** The figure's viewBox and every text's drawn box. Texts inside transformed groups are refused: their boxes would need the group's transform. */
export function figureLayout(svg: string): FigureLayout {
  const parsed = parseSvg(svg);
  const [x, y, width, height] = (parsed.root.viewBox ?? '').split(/\s+/).map(Number) as [number, number, number, number];
  if (![x, y, width, height].every(Number.isFinite)) throw new Error(`figure "${parsed.title}": invalid viewBox "${parsed.root.viewBox}"`);
  const fontSize = parsed.root['font-size'] ?? '16';
  const elements = [...svg.matchAll(/<text\b[^>]*>[\s\S]*?<\/text>/g)].map((m) => m[0]);
  const texts = parsed.elements.filter((e) => e.name === 'text');
  if (texts.length !== elements.length) throw new Error(`figure "${parsed.title}": nested or unparsable <text> elements`);
  if (/<g\b[^>]*transform=[^>]*>(?:(?!<\/g>)[\s\S])*<text\b/.test(svg)) throw new Error(`figure "${parsed.title}": a <text> inside a transformed group`);
  return {
    viewBox: { x, y, width, height },
    texts: elements.map((element, k) => {
      const alone = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${x} ${y} ${width} ${height}" width="${width}" height="${height}" font-size="${fontSize}" font-family="DejaVu Sans">${element}</svg>`;
      const b = new Resvg(alone, { font: PNG_FONTS }).getBBox();
      const box = b ? { x: b.x, y: b.y, width: b.width, height: b.height } : { x, y, width: 0, height: 0 };
      return { text: texts[k]!.content, box, multiline: element.includes('<tspan'), turned: 'transform' in texts[k]!.attributes };
    }),
  };
}

/** How far `inner` reaches past `outer` on its worst side (0 or less: inside). */
export function overreach(inner: Box, outer: Box): number {
  return Math.max(outer.x - inner.x, outer.y - inner.y, inner.x + inner.width - (outer.x + outer.width), inner.y + inner.height - (outer.y + outer.height));
}

/** Area shared by two boxes. */
export function overlapArea(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Rounding of coordinates to 0.1 and of glyph outlines: anything more is a real overreach. */
const SLACK = 0.5;

/** Texts that reach past the canvas or overlap another text, in words; [] when there are none. */
export function textProblems(layout: FigureLayout): string[] {
  const outside = layout.texts.flatMap((t) => {
    const by = overreach(t.box, layout.viewBox);
    return by > SLACK ? [`"${t.text}" reaches ${by.toFixed(1)} past the canvas`] : [];
  });
  const overlapping = layout.texts.flatMap((a, i) =>
    layout.texts.slice(i + 1).flatMap((b) => (overlapArea(a.box, b.box) > SLACK ? [`"${a.text}" overlaps "${b.text}"`] : [])),
  );
  return [...outside, ...overlapping];
}

/**
 * Units per pixel along a plot's axis (plot.ts), as a reader would measure them: from the values
 * of its first and last labelled ticks and where they stand. Undefined with fewer than two.
 */
export function unitsPerPixel(svg: string, axis: 'x' | 'y'): number | undefined {
  const ticks = parseSvg(svg)
    .elements.filter((e) => e.name === 'text' && e.ancestorClasses.includes('rz-plot-tick') && e.attributes['text-anchor'] === (axis === 'x' ? 'middle' : 'end'))
    .map((e) => ({ value: Number(e.text.replace('\u2212', '-')), at: Number(e.attributes[axis]) }));
  const [first, last] = [ticks[0], ticks.at(-1)];
  if (!first || !last || first === last) return undefined;
  return Math.abs((last.value - first.value) / (last.at - first.at));
}
