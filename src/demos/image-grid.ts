/**
 * Small grey-level images (8×8 digits, learned features) as one SVG: rows of images, each row with
 * a label. Ink is `currentColor` at an opacity per grey level, so the images follow the page's
 * theme (dark ink on light paper, light ink on dark); each image has a frame so a blank one is
 * still seen. Demo results only, like plot.ts.
 */

export interface ImageRow {
  readonly label: string;
  /** Grey levels in 0…1, row by row, `side × side` each. */
  readonly images: readonly ArrayLike<number>[];
}

export interface ImageGridSpec {
  /** The accessible name: what the images show. */
  readonly title: string;
  /** The finding in words, for readers who cannot see the images. */
  readonly description: string;
  readonly side: number;
  readonly rows: readonly ImageRow[];
}

const PIXEL = 5;
const GAP = 6;
const LABEL_WIDTH = 118;
const ROW_GAP = 10;
const FONT = 12;
/** Grey levels drawn: enough for 8×8 digits (17 levels in the data), one path each per image. */
const LEVELS = 8;

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function imageGridSvg(spec: ImageGridSpec): string {
  const size = spec.side * PIXEL;
  const columns = Math.max(...spec.rows.map((r) => r.images.length));
  const width = LABEL_WIDTH + columns * (size + GAP);
  const height = spec.rows.length * (size + ROW_GAP) + ROW_GAP;
  const rows = spec.rows.map((row, r) => {
    const y = ROW_GAP + r * (size + ROW_GAP);
    const label = `<text x="0" y="${y + size / 2 + FONT / 3}" fill="currentColor">${escape(row.label)}</text>`;
    return label + row.images.map((image, c) => imageSvg(image, spec.side, LABEL_WIDTH + c * (size + GAP), y)).join('');
  });
  return (
    `<svg class="rz-plot rz-image-grid" viewBox="0 0 ${width} ${height}" width="100%" role="img" font-size="${FONT}">` +
    `<title>${escape(spec.title)}</title><desc>${escape(spec.description)}</desc>` +
    rows.join('') +
    `</svg>`
  );
}

/** One image: a path per grey level (pixels as unit squares, scaled) and a frame. */
function imageSvg(image: ArrayLike<number>, side: number, x: number, y: number): string {
  const squares: string[] = Array.from({ length: LEVELS }, () => '');
  for (let p = 0; p < side * side; p++) {
    const level = Math.round(Math.min(1, Math.max(0, image[p] ?? 0)) * LEVELS);
    if (level > 0) squares[level - 1] += `M${p % side} ${Math.floor(p / side)}h1v1h-1z`;
  }
  const ink = squares
    .map((d, k) => (d ? `<path d="${d}" fill="currentColor" fill-opacity="${((k + 1) / LEVELS).toFixed(3)}"/>` : ''))
    .join('');
  const size = side * PIXEL;
  return (
    `<g transform="translate(${x} ${y}) scale(${PIXEL})">${ink}</g>` +
    `<path class="rz-plot-axis" d="M${x - 0.5} ${y - 0.5}h${size + 1}v${size + 1}h${-size - 1}z" fill="none" stroke="currentColor"/>`
  );
}
