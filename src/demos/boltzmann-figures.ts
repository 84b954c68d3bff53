import * as tf from '@tensorflow/tfjs';
import { imageGridSvg } from './image-grid';
import type { ProgressPlan, Stage } from './progress-plan';

/** Pixels per side of the bars-and-stripes patterns the Boltzmann demos learn. */
export const SIDE = 4;
/** Samples drawn at the end, and Gibbs steps per sample: the figures the articles quote are measured with these. */
export const SAMPLES = 200;
export const SAMPLE_STEPS = 200;
/** The training pattern the living diagrams show (barsAndStripes' sixth: bars along the first and third rows). */
const EXAMPLE_PATTERN = 5;
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

/** The stage of drawing the final samples (`generate`'s `onSample` reports it through `sampling`). */
export const SAMPLING_STAGE: Stage = { key: 'sample:chains', label: `Drawing ${SAMPLES} samples, ${SAMPLE_STEPS} Gibbs steps each`, unit: 'samples', weight: 0.5 };

/**
 * `generate`'s `onSample` for the final samples: progress every 10 samples, and the samples so far
 * with the figures `plots` draws (only when the page will show them).
 */
export function sampling(progress: ProgressPlan, plots: (samples: readonly ArrayLike<number>[]) => readonly string[]): (samples: readonly ArrayLike<number>[]) => void {
  const report = progress.within('sample');
  return (samples) => {
    if (samples.length % 10 === 0) report({ phase: 'chains', done: samples.length, total: SAMPLES });
    progress.show(() => plots(samples));
  };
}

/** The living diagram's input: one of the training `patterns` (EXAMPLE_PATTERN), a batch of one. */
export const patternExample = (patterns: readonly (readonly number[])[]): tf.Tensor2D => tf.tensor2d([[...patterns[EXAMPLE_PATTERN]!]]);
