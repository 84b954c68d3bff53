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
