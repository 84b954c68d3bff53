/** Sizes shared by layout (which reserves room) and render (which draws into it). */
export const METRICS = {
  cellRadius: 14,
  /** Centre-to-centre distance of neighbouring cells in a group. */
  cellPitch: 46,
  groupPadding: 12,
  labelSize: 12,
  captionSize: 10,
  lineGap: 4,
  badgeSize: 9,
  /** Horizontal room a "t−1" badge needs beside the apex of a loop. */
  badgeWidth: 26,
  stepLabelSize: 13,
  diagramPadding: 20,
} as const;

/** Glyphs about an em wide in DejaVu Sans, where the average advance would underestimate ("memory"). */
const WIDE = /[mwMW@%—]/g;

/**
 * Width of a text run without a browser to measure it: an average advance of 0.6 em (0.7 em bold),
 * plus the extra of the few glyphs nearly an em wide, rounded up. Sized for DejaVu Sans, the first
 * and widest face the diagrams name (src/render/style.ts), so narrower fallbacks fit too. Layout only
 * needs to leave enough room, never exact fits; tests/layout/metrics.test.ts measures every text of
 * every diagram against it.
 */
export const textWidth = (text: string, size: number, weight: 'regular' | 'bold' = 'regular'): number => {
  const [average, wide] = weight === 'bold' ? [0.7, 1.05] : [0.6, 0.95];
  const wideCount = text.match(WIDE)?.length ?? 0;
  return Math.ceil(size * (text.length * average + wideCount * (wide - average)));
};

/** Width of a badge's box: the room of "t−1", or more for a long "m×n" such as "128×128". */
export const badgeBoxWidth = (text: string): number => Math.max(METRICS.badgeWidth - 2, textWidth(text, METRICS.badgeSize) + 6);

/**
 * How far a line of text reaches above and below its baseline, in ems: DejaVu Sans's ascenders
 * (b, d, h, l, capitals) rise to about 0.76 em and its descenders (g, p, y) drop to about 0.24 em.
 * With textWidth this is the box a text's ink stays inside: what no line may cross and no other text
 * may overlap (tests/render/legibility.test.ts).
 */
export const TEXT_ASCENT = 0.78;
export const TEXT_DESCENT = 0.24;

/** The box a run of text set at `baseline` occupies, anchored at `x` as SVG's text-anchor does. */
export function textBox(text: string, x: number, baseline: number, size: number, anchor: 'start' | 'middle' | 'end' = 'start', weight: 'regular' | 'bold' = 'regular'): { x: number; y: number; width: number; height: number } {
  const width = textWidth(text, size, weight);
  const left = anchor === 'middle' ? x - width / 2 : anchor === 'end' ? x - width : x;
  return { x: left, y: baseline - TEXT_ASCENT * size, width, height: (TEXT_ASCENT + TEXT_DESCENT) * size };
}

/** What a text is, which sets its font: a group's label or caption, a step's title. */
export type TextRole = 'label' | 'caption' | 'step-label';

/** The font each role is drawn in (src/render/style.ts: .rz-label, .rz-caption, .rz-step-label). */
export const TEXT_FONTS: Readonly<Record<TextRole, { readonly size: number; readonly weight: 'regular' | 'bold' }>> = {
  label: { size: METRICS.labelSize, weight: 'bold' },
  caption: { size: METRICS.captionSize, weight: 'regular' },
  'step-label': { size: METRICS.stepLabelSize, weight: 'bold' },
};

/** The box of a centred line of text (a group's label or caption, a step's title). */
export const centredTextBox = (t: { readonly text: string; readonly x: number; readonly y: number; readonly role: TextRole }) =>
  textBox(t.text, t.x, t.y, TEXT_FONTS[t.role].size, 'middle', TEXT_FONTS[t.role].weight);
