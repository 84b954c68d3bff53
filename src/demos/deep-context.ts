import * as tf from '@tensorflow/tfjs';
import { errorByPosition } from '../network/bidirectional';
import { trainSideBySide } from '../network/training/side-by-side';
import { neighbourProduct, ONE_LAYER_FLOOR } from '../network/datasets/neighbour-product';
import { createRandom } from '../network/numerics/random';
import deepBidirectional, { buildDeepBidirectional, type DeepBidirectionalConfig } from '../zoo/deep-bidirectional-lstm';
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
  { key: 'both:epochs', label: 'Training the two-layer and the one-layer bidirectional LSTM side by side', unit: 'epochs', errorLabel: 'loss, two layers', weight: 1 },
];

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

type Depth = 'shallow' | 'deep';

/**
 * The page's own, two-layer network at the reader's settings: the definition's demo config (one
 * input, one output, two layers, its seed) with the reader's cells per chain and sequence length.
 * The one-layer network is the same config with one layer of twice the cells per chain.
 */
export const deepContextNetwork = (values: Pick<DeepContextValues, 'units' | 'steps'>): DeepBidirectionalConfig => ({
  ...deepBidirectional.configs.demo!,
  units: values.units,
  steps: values.steps,
});

type Run = { losses: number[]; errors: number[]; params: number };

/**
 * One bidirectional LSTM layer of 2 × units cells per chain against two layers of `units` per chain
 * (about as many weights), same seed, data and optimiser, on the neighbour-product task
 * (src/network/datasets/neighbour-product.ts): 64 training and 64 test sequences. Trained side by
 * side, an epoch each in turn, the page's own two-layer network first. Returns each network's loss
 * per epoch and test error at each position; the one-layer network cannot go below 1/9 at the inner
 * steps, the two-layer one can. `living`, where given, watches the two-layer network on the first test
 * sequence and is finished before the networks are disposed.
 */
export async function trainDeepAndShallow(
  values: DeepContextValues,
  onEpoch?: (epoch: number, losses: Readonly<Record<Depth, readonly number[]>>) => void | Promise<void>,
  living?: Pick<ProgressPlan, 'watch' | 'finish'>,
): Promise<Record<Depth, Run>> {
  const train = neighbourProduct(64, values.steps, createRandom(1));
  const test = neighbourProduct(64, values.steps, createRandom(2));
  const config = deepContextNetwork(values);
  const models: tf.LayersModel[] = [];
  try {
    // The page's own network is the definition's build at the living diagram's config.
    models.push(deepBidirectional.build(config), buildDeepBidirectional({ ...config, layers: 1, units: 2 * config.units }, 'shallow'));
    const [deep, shallow] = models as [tf.LayersModel, tf.LayersModel];
    // The living diagram shows it on one held-out sequence: the first of the test set.
    living?.watch(deep, tf.tensor3d([test.inputs[0]! as number[][]]));
    const losses = { deep: [] as number[], shallow: [] as number[] };
    await trainSideBySide([deep, shallow], train, {
      epochs: values.epochs,
      learningRate: values.learningRate,
      onEpoch: (epoch, [d, s]) => {
        losses.deep.push(d!);
        losses.shallow.push(s!);
        return onEpoch?.(epoch, losses);
      },
    });
    const run = (model: tf.LayersModel, name: Depth): Run => ({ losses: losses[name], errors: errorByPosition(model, test), params: model.countParams() });
    return { deep: run(deep, 'deep'), shallow: run(shallow, 'shallow') };
  } finally {
    living?.finish();
    for (const model of models) model.dispose();
  }
}

/** The inner steps' mean error (steps 2 … T−1, where the target is a product of two inputs). */
export const innerError = (errors: readonly number[]): number => mean(errors.slice(1, -1));

/** The training-loss plot, of the whole run or (while training) of the epochs so far. */
const lossPlot = (shallow: readonly number[], deep: readonly number[], title: string, description: string): string =>
  plotSvg({
    title,
    description,
    x: { label: 'epoch' },
    y: { label: 'training loss (mean squared error)', scale: 'log', floor: 1e-4 },
    series: [
      { label: 'one layer', mark: 'dashed', points: shallow.map((l, e) => [e + 1, l] as const) },
      { label: 'two layers', mark: 'line', points: deep.map((l, e) => [e + 1, l] as const) },
    ],
  });

export async function runDeepContext(values: DeepContextValues, progress: ProgressPlan): Promise<DemoResult> {
  const report = progress.within('both');
  const { shallow, deep } = await trainDeepAndShallow(values, (epoch, losses) => {
    const [s, d] = [losses.shallow.at(-1)!, losses.deep.at(-1)!];
    report({ phase: 'epochs', done: epoch + 1, total: values.epochs, error: d });
    progress.show(() => [
      lossPlot(
        losses.shallow,
        losses.deep,
        `Training loss so far, epoch ${epoch + 1} of ${values.epochs}: one-layer and two-layer bidirectional LSTM`,
        `After ${epoch + 1} epochs the one-layer network's loss is ${s.toFixed(4)}, the two-layer network's ${d.toFixed(4)}.`,
      ),
    ]);
  }, progress);
  const byPosition = (errors: readonly number[]) => errors.map((e, t) => [t + 1, e] as const);
  return {
    metrics: [
      { name: 'shallow-error', label: `Test error, one layer (${shallow.params} weights), inner steps`, value: innerError(shallow.errors) },
      { name: 'deep-error', label: `Test error, two layers (${deep.params} weights), inner steps`, value: innerError(deep.errors) },
      { name: 'floor', label: 'Least error possible for one layer at the inner steps', value: ONE_LAYER_FLOOR },
    ],
    plots: [
      lossPlot(
        shallow.losses,
        deep.losses,
        'Training loss of a one-layer and a two-layer bidirectional LSTM on the neighbour product',
        `After ${values.epochs} epochs the one-layer network's loss is ${shallow.losses.at(-1)!.toFixed(4)}, the two-layer network's ${deep.losses.at(-1)!.toFixed(4)}.`,
      ),
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
