import { inkKeySvg, type InkKey } from './ink';
import { textWidth } from './text-width';

/**
 * Small grey-level images (8×8 digits, generated images, learned kernels) as one SVG, the one image
 * renderer every demo uses: rows of images, each row with an optional label on its left, each image
 * with an optional caption under it, and optionally the scale's key underneath. Values are drawn on
 * the demos' ink scale (ink.ts): `currentColor` at an opacity per grey level, so more ink means more
 * in either theme (dark ink on light paper, light ink on dark); each image has a frame so a blank
 * one is still seen. Demo results only, like plot.ts.
 */

export interface GridImage {
  /** Values row by row, `width` per row; the image is as tall as the values make it. */
  readonly pixels: ArrayLike<number>;
  /** Text under the image, e.g. "kernel 3" or "7 → 7". */
  readonly caption?: string;
}

export interface ImageRow {
  /** Text left of the row, e.g. "z₂ = 0.50". */
  readonly label?: string;
  readonly images: readonly GridImage[];
}

export interface ImageGridSpec {
  /** The accessible name: what the images show. */
  readonly title: string;
  /** The finding in words, for readers who cannot see the images. */
  readonly description: string;
  /** Pixels per image row. */
  readonly width: number;
  readonly rows: readonly ImageRow[];
  /**
   * `intensity` (the default): values are grey levels in 0…1 (0 paper, 1 full ink), comparable
   * across images. `per-image`: each image is stretched from its lowest value (paper) to its highest
   * (ink), so a kernel's pattern shows whatever the size or sign of its weights.
   */
  readonly scale?: 'intensity' | 'per-image';
  /** Side of one pixel in SVG units. */
  readonly pixel?: number;
  /** The ink scale's key under the images, where the figure's words speak of more or less ink. */
  readonly key?: InkKey;
}

const GAP = 6;
const ROW_GAP = 10;
const FONT = 12;
const CAPTION = FONT + 4;
/** Least room for row labels, and the gap between a label and its row. */
const LABEL_WIDTH = 118;
const LABEL_GAP = 8;
const KEY_HEIGHT = 24;
/** Grey levels drawn: enough for 8×8 digits (17 levels in the data), one path each per image. */
const LEVELS = 8;

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function imageGridSvg(spec: ImageGridSpec): string {
  const images = spec.rows.flatMap((r) => r.images);
  const first = images[0];
  if (!first) throw new Error(`image grid "${spec.title}": no images`);
  const height = Math.ceil(first.pixels.length / spec.width);
  const pixel = spec.pixel ?? 5;
  const [boxW, boxH] = [spec.width * pixel, height * pixel];
  const labels = spec.rows.flatMap((r) => (r.label ? [textWidth(r.label, FONT) + LABEL_GAP] : []));
  const labelWidth = labels.length > 0 ? Math.max(LABEL_WIDTH, ...labels) : 0;
  const caption = images.some((i) => i.caption) ? CAPTION : 0;
  const columns = Math.max(...spec.rows.map((r) => r.images.length));
  // Each image stands in the middle of a column as wide as the widest caption, if that is wider.
  const column = Math.max(boxW, ...images.map((i) => (i.caption ? textWidth(i.caption, FONT) : 0)));
  const left = labelWidth + GAP;
  const rowsBottom = ROW_GAP + spec.rows.length * (boxH + caption + ROW_GAP);
  const key = spec.key ? inkKeySvg(spec.key, left, rowsBottom + KEY_HEIGHT / 2 - ROW_GAP / 2, FONT) : undefined;
  const W = Math.ceil(Math.max(left + columns * (column + GAP), key ? left + key.width + GAP : 0));
  const H = rowsBottom + (key ? KEY_HEIGHT : 0);
  const rows = spec.rows.map((row, r) => {
    const y = ROW_GAP + r * (boxH + caption + ROW_GAP);
    const label = row.label ? `<text x="0" y="${y + boxH / 2 + FONT / 3}" fill="currentColor">${escape(row.label)}</text>` : '';
    const drawn = row.images.map((image, c) => {
      const x = left + c * (column + GAP) + (column - boxW) / 2;
      const text = image.caption ? `<text x="${x + boxW / 2}" y="${y + boxH + FONT + 1}" text-anchor="middle" fill="currentColor">${escape(image.caption)}</text>` : '';
      return imageSvg(levels(image.pixels, spec.scale ?? 'intensity'), spec.width, pixel, x, y) + text;
    });
    return label + drawn.join('');
  });
  return (
    `<svg class="rz-plot rz-image-grid" viewBox="0 0 ${W} ${H}" width="100%" role="img" font-size="${FONT}" style="max-width:${Math.round(W * 1.5)}px">` +
    `<title>${escape(spec.title)}</title><desc>${escape(spec.description)}</desc>` +
    rows.join('') +
    (key?.svg ?? '') +
    `</svg>`
  );
}

/** Each value as an ink level in 0…1. */
function levels(pixels: ArrayLike<number>, scale: 'intensity' | 'per-image'): number[] {
  const values = Array.from(pixels);
  if (scale === 'intensity') return values.map((v) => Math.min(1, Math.max(0, v)));
  const [lo, hi] = [Math.min(...values), Math.max(...values)];
  return values.map((v) => (hi > lo ? (v - lo) / (hi - lo) : 0));
}

/** One image: a path per grey level (pixels as unit squares, scaled) and a frame. */
function imageSvg(ink: readonly number[], width: number, pixel: number, x: number, y: number): string {
  const squares: string[] = Array.from({ length: LEVELS }, () => '');
  ink.forEach((value, p) => {
    const level = Math.round(value * LEVELS);
    if (level > 0) squares[level - 1] += `M${p % width} ${Math.floor(p / width)}h1v1h-1z`;
  });
  const paths = squares
    .map((d, k) => (d ? `<path d="${d}" fill="currentColor" fill-opacity="${((k + 1) / LEVELS).toFixed(3)}"/>` : ''))
    .join('');
  const [w, h] = [width * pixel, Math.ceil(ink.length / width) * pixel];
  return (
    `<g transform="translate(${x} ${y}) scale(${pixel})">${paths}</g>` +
    `<path class="rz-plot-axis" d="M${x - 0.5} ${y - 0.5}h${w + 1}v${h + 1}h${-w - 1}z" fill="none" stroke="currentColor"/>`
  );
}
