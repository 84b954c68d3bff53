import { imageGridSvg } from './image-grid';

/** Pixels per side of the bars-and-stripes patterns the Boltzmann demos learn. */
export const SIDE = 4;
/** Samples drawn at the end, and Gibbs steps per sample: the figures the articles quote are measured with these. */
export const SAMPLES = 200;
export const SAMPLE_STEPS = 200;
/** Samples shown in a figure. */
const SHOWN = 12;

/** The first samples drawn, as 4 × 4 images, each captioned whether it is one of the data's patterns. */
export function samplesSvg(title: string, description: string, samples: readonly ArrayLike<number>[], valid: (s: ArrayLike<number>) => boolean): string {
  return imageGridSvg({
    title,
    description,
    width: SIDE,
    pixel: 6,
    rows: [{ images: samples.slice(0, SHOWN).map((pixels) => ({ pixels, caption: valid(pixels) ? 'valid' : '—' })) }],
  });
}
