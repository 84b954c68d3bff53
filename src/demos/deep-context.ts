import type * as tf from '@tensorflow/tfjs';
import { errorByPosition, trainOnSequences } from '../network/bidirectional';
import { neighbourProduct, ONE_LAYER_FLOOR } from '../network/datasets/neighbour-product';
import { createRandom } from '../network/numerics/random';
import { buildDeepBidirectional } from '../zoo/deep-bidirectional-lstm';
import { plotSvg } from './plot';
import type { DemoResult } from './types';
import type { ProgressPlan, Stage } from './progress-plan';

export interface DeepContextValues {
  readonly units: number;
  readonly steps: number;
  readonly epochs: number;
  readonly learningRate: number;
}

export const deepContextStages: readonly Stage[] = [
  { key: 'shallow:epochs', label: 'Training the one-layer bidirectional LSTM', unit: 'epochs', errorLabel: 'loss', weight: 1 },
  { key: 'deep:epochs', label: 'Training the two-layer bidirectional LSTM', unit: 'epochs', errorLabel: 'loss', weight: 2 },
];

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * One bidirectional LSTM layer of 2 × units cells per chain against two layers of `units` per chain
 * (about as many weights), same seed, data and optimiser, on the neighbour-product task
 * (src/network/datasets/neighbour-product.ts): 64 training and 64 test sequences. Returns each
 * network's loss per epoch and test error at each position; the one-layer network cannot go below
 * 1/9 at the inner steps, the two-layer one can.
 */
export async function trainDeepAndShallow(
  values: DeepContextValues,
  seed: number,
  onEpoch?: (name: 'shallow' | 'deep', epoch: number, loss: number) => void | Promise<void>,
): Promise<Record<'shallow' | 'deep', { losses: number[]; errors: number[]; params: number }>> {
  const train = neighbourProduct(64, values.steps, createRandom(1));
  const test = neighbourProduct(64, values.steps, createRandom(2));
  const runs: Partial<Record<'shallow' | 'deep', { losses: number[]; errors: number[]; params: number }>> = {};
  for (const name of ['shallow', 'deep'] as const) {
    const config = name === 'deep' ? { layers: 2, units: values.units } : { layers: 1, units: 2 * values.units };
    const model: tf.LayersModel = buildDeepBidirectional({ inputs: 1, outputs: 1, seed, steps: values.steps, ...config }, name);
    try {
      const losses = await trainOnSequences(model, train, {
        epochs: values.epochs,
        learningRate: values.learningRate,
        onEpoch: (epoch, loss) => onEpoch?.(name, epoch, loss),
      });
      runs[name] = { losses, errors: errorByPosition(model, test), params: model.countParams() };
    } finally {
      model.dispose();
    }
  }
  return runs as Record<'shallow' | 'deep', { losses: number[]; errors: number[]; params: number }>;
}

/** The inner steps' mean error (steps 2 … T−1, where the target is a product of two inputs). */
export const innerError = (errors: readonly number[]): number => mean(errors.slice(1, -1));

export async function runDeepContext(values: DeepContextValues, progress: ProgressPlan, seed: number): Promise<DemoResult> {
  const reports = { shallow: progress.within('shallow'), deep: progress.within('deep') };
  const { shallow, deep } = await trainDeepAndShallow(values, seed, (name, epoch, loss) =>
    reports[name]({ phase: 'epochs', done: epoch + 1, total: values.epochs, error: loss }),
  );
  const byPosition = (errors: readonly number[]) => errors.map((e, t) => [t + 1, e] as const);
  return {
    metrics: [
      { name: 'shallow-error', label: `Test error, one layer (${shallow.params} weights), inner steps`, value: innerError(shallow.errors) },
      { name: 'deep-error', label: `Test error, two layers (${deep.params} weights), inner steps`, value: innerError(deep.errors) },
      { name: 'floor', label: 'Least error possible for one layer at the inner steps', value: ONE_LAYER_FLOOR },
    ],
    plots: [
      plotSvg({
        title: 'Training loss of a one-layer and a two-layer bidirectional LSTM on the neighbour product',
        description:
          `After ${values.epochs} epochs the one-layer network's loss is ${shallow.losses.at(-1)!.toFixed(4)}, the two-layer network's ${deep.losses.at(-1)!.toFixed(4)}.`,
        x: { label: 'epoch' },
        y: { label: 'training loss (mean squared error)', scale: 'log', floor: 1e-4 },
        series: [
          { label: 'one layer', mark: 'dashed', points: shallow.losses.map((l, e) => [e + 1, l] as const) },
          { label: 'two layers', mark: 'line', points: deep.losses.map((l, e) => [e + 1, l] as const) },
        ],
      }),
      plotSvg({
        title: `Test error at each position of a ${values.steps}-step sequence`,
        description:
          `At the inner steps the target is the product of the two neighbours. The one-layer network's error there averages ${innerError(shallow.errors).toFixed(4)} ` +
          `(it cannot go below ${ONE_LAYER_FLOOR.toFixed(3)}), the two-layer network's ${innerError(deep.errors).toFixed(4)}. At the first and last steps the target is 0.`,
        x: { label: 'position in the sequence' },
        y: { label: 'test error (mean squared)' },
        series: [
          { label: 'floor, one layer', mark: 'band', points: byPosition(Array.from({ length: values.steps }, (_, t) => (t === 0 || t === values.steps - 1 ? 0 : ONE_LAYER_FLOOR))).slice(1, -1) },
          { label: 'one layer', mark: 'dots', points: byPosition(shallow.errors) },
          { label: 'two layers', mark: 'line', points: byPosition(deep.errors) },
        ],
      }),
    ],
  };
}
