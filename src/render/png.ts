import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { LIGHT_COLOURS } from './style';

export interface PngOptions {
  /** Pixels per SVG unit; 2 by default, sharp on slides and in print. */
  readonly scale?: number;
  /**
   * Any CSS colour, or 'transparent'. Opaque paper by default: the file's colours are the light
   * ones (dark ink), so a transparent PNG dropped on a dark slide would be unreadable.
   */
  readonly background?: string;
}

const FONT_DIR = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/**
 * Only the DejaVu faces the diagrams use (regular and bold), and no system fonts: the same pixels on
 * every machine, whatever it has installed. Exported for tests that measure text the way PNGs draw it.
 */
export const PNG_FONTS = {
  loadSystemFonts: false,
  fontFiles: ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((file) => join(FONT_DIR, file)),
  defaultFontFamily: 'DejaVu Sans',
  sansSerifFamily: 'DejaVu Sans',
} as const satisfies ResvgRenderOptions['font'];

/**
 * A diagram's SVG text → PNG bytes, rendered by resvg with the light colours the file carries as
 * defaults. Pure (no files, no console): the CLI writes what it returns, and a site endpoint can
 * serve it.
 */
export function renderPng(svg: string, options: PngOptions = {}): Uint8Array {
  const { scale = 2, background = LIGHT_COLOURS.paper } = options;
  if (!(scale > 0 && Number.isFinite(scale))) throw new RangeError(`invalid scale: ${scale} (expected a positive number)`);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background,
    font: PNG_FONTS,
    logLevel: 'off',
  });
  return resvg.render().asPng();
}
