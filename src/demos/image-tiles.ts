/**
 * Small greyscale images side by side as one SVG (demo results: learned kernels, digits, generated
 * images). Each image is scaled on its own from its lowest value (paper) to its highest (ink), so a
 * kernel's pattern shows whatever its size; the caption under each says what it is. Colours are
 * fixed greys on a white card, readable in light and dark themes alike.
 */
export interface GridImage {
  readonly pixels: ArrayLike<number>;
  /** Text under the image, e.g. "kernel 3" or "7 → 7". */
  readonly caption: string;
}

export interface ImageGridSpec {
  readonly title: string;
  readonly description: string;
  /** Pixels per image row; rows = pixels.length / width. */
  readonly width: number;
  readonly images: readonly GridImage[];
  /** Side of one pixel in SVG units. */
  readonly cell?: number;
  /** Images per row of the grid. */
  readonly columns?: number;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const GAP = 12;
const CAPTION = 16;
const FONT = 12;

/** Grey level of `v` between `lo` (white) and `hi` (near black), as an sRGB hex colour. */
function grey(v: number, lo: number, hi: number): string {
  const t = hi > lo ? (v - lo) / (hi - lo) : 0;
  const level = Math.round(255 - t * 230);
  const hex = level.toString(16).padStart(2, '0');
  return `#${hex}${hex}${hex}`;
}

export function imageGridSvg(spec: ImageGridSpec): string {
  if (spec.images.length === 0) throw new Error(`image grid "${spec.title}": no images`);
  const cell = spec.cell ?? 8;
  const columns = Math.min(spec.columns ?? spec.images.length, spec.images.length);
  const rows = Math.ceil(spec.images.length / columns);
  const height = spec.images[0]!.pixels.length / spec.width;
  const boxW = spec.width * cell;
  const boxH = height * cell;
  const W = GAP + columns * (boxW + GAP);
  const H = GAP + rows * (boxH + CAPTION + GAP);
  const parts = spec.images.map((image, k) => {
    const x0 = GAP + (k % columns) * (boxW + GAP);
    const y0 = GAP + Math.floor(k / columns) * (boxH + CAPTION + GAP);
    const values = Array.from(image.pixels);
    const [lo, hi] = [Math.min(...values), Math.max(...values)];
    const pixels = values
      .map((v, i) => `<rect x="${x0 + (i % spec.width) * cell}" y="${y0 + Math.floor(i / spec.width) * cell}" width="${cell}" height="${cell}" fill="${grey(v, lo, hi)}"/>`)
      .join('');
    const frame = `<rect x="${x0}" y="${y0}" width="${boxW}" height="${boxH}" fill="none" stroke="#6e7781"/>`;
    const label = `<text x="${x0 + boxW / 2}" y="${y0 + boxH + FONT + 2}" text-anchor="middle" fill="#1f2328">${escape(image.caption)}</text>`;
    return pixels + frame + label;
  });
  return (
    `<svg class="rz-plot rz-image-grid" viewBox="0 0 ${W} ${H}" width="100%" role="img" font-size="${FONT}" style="max-width:${W * 1.5}px">` +
    `<title>${escape(spec.title)}</title><desc>${escape(spec.description)}</desc>` +
    `<rect width="${W}" height="${H}" fill="#ffffff" rx="6"/>` +
    parts.join('') +
    `</svg>`
  );
}
