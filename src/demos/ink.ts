import { textWidth } from './text-width';

/**
 * The demos' one scale for values in [0, 1] (heat maps, digits, codes, kernels): ink — the figure's
 * `currentColor`, the page's text colour — at an opacity equal to the value, over the page. 0 is the
 * page itself and 1 full ink, so in either theme a larger value stands out more from the page: dark
 * ink on the light theme's white, light ink on the dark theme's black. Words that name a shade
 * ("darker") hold in one theme only; say "more ink", and draw the key (`inkKeySvg`) beside the figure.
 */
export const inkOpacity = (value: number): number => Math.round(Math.min(1, Math.max(0, value)) * 100) / 100;

/** The values the key shows, from the page to full ink. */
export const KEY_VALUES: readonly number[] = [0, 0.25, 0.5, 0.75, 1];

const SWATCH = 14;
const SWATCH_GAP = 3;
const TEXT_GAP = 6;

export interface InkKey {
  /** What the values are, written after the swatches, e.g. "attention weight α". */
  readonly label: string;
  /** The ends of the scale as written (default "0" and "1"). */
  readonly low?: string;
  readonly high?: string;
}

/**
 * The key of the ink scale, one row at (x, y) (y its middle): the low end, a swatch per KEY_VALUES
 * drawn as the figure draws values (framed like its squares), the high end, then what the values are.
 */
export function inkKeySvg(key: InkKey, x: number, y: number, font: number): { readonly svg: string; readonly width: number } {
  const [low, high] = [key.low ?? '0', key.high ?? '1'];
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const baseline = y + font / 3;
  let at = x;
  const lowText = `<text x="${at}" y="${baseline}">${escape(low)}</text>`;
  at += textWidth(low, font) + TEXT_GAP;
  const swatches = KEY_VALUES.map((v, k) => {
    const sx = at + k * (SWATCH + SWATCH_GAP);
    return `<rect x="${sx}" y="${y - SWATCH / 2}" width="${SWATCH}" height="${SWATCH}" fill="currentColor" fill-opacity="${inkOpacity(v)}" stroke="currentColor" stroke-opacity="0.35" data-ink-key="${v}"/>`;
  }).join('');
  at += KEY_VALUES.length * (SWATCH + SWATCH_GAP) - SWATCH_GAP + TEXT_GAP;
  const highText = `<text x="${at}" y="${baseline}">${escape(high)}</text>`;
  at += textWidth(high, font) + 2 * TEXT_GAP;
  const label = `<text x="${at}" y="${baseline}">${escape(key.label)}</text>`;
  at += textWidth(key.label, font);
  return { svg: `<g class="rz-ink-key" fill="currentColor">${lowText}${swatches}${highText}${label}</g>`, width: at - x };
}
