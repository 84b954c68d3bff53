import * as tf from '@tensorflow/tfjs';
import { delayedBits, recallAccuracy } from '../../network/datasets/delayed-bits';
import { trainSideBySide } from '../../network/training/side-by-side';
import mgu, { buildGruForComparison, parameterCount, type MinimalGruConfig, type RecallCurve } from '../../zoo/minimal-gru';
import { plotSvg } from '../plot';
import { defineDemo } from '../types';
import params from './minimal-gru.params';

/** Sequences in the training set and their length: small enough for a few seconds per network. */
const SEQUENCES = 32;
const LENGTH = 16;
/** Added to the reader's seed for the held-out sequence the living diagram shows (not one of the training set's). */
const HELD_OUT_SEED = 1_000_003;

/**
 * The page's own network at the reader's settings: the definition's demo config with the reader's
 * units, seed and keep bias, over the demo's sequence length. The GRU it races is built from the same.
 */
const networkAt = (values: { units: number; seed: number; keepBias: number }): MinimalGruConfig => ({
  ...mgu.configs.demo!,
  units: values.units,
  seed: values.seed,
  steps: LENGTH,
  keepBias: values.keepBias,
});

const percent = (v: number) => `${(100 * v).toFixed(0)} %`;

/** The loss plot, of the whole run or (while training) of the epochs so far. */
function lossPlot(title: string, description: string, mguLabel: string, gruLabel: string, mguLoss: readonly number[], gruLoss: readonly number[]): string {
  const line = (loss: readonly number[]) => loss.map((l, e) => [e + 1, l] as const);
  return plotSvg({
    title,
    description,
    x: { label: 'epoch' },
    y: { label: 'training loss (cross-entropy)' },
    series: [
      { label: mguLabel, mark: 'line', points: line(mguLoss) },
      { label: gruLabel, mark: 'dashed', points: line(gruLoss) },
    ],
  });
}

/**
 * The same delayed-recall task for two networks that differ only in their recurrent cell: the
 * minimal gated unit (one gate) and tfjs's GRU (two gates), same width, seeds, data and optimiser,
 * and the same starting keep fraction σ(b) per step, trained side by side (an epoch each in turn,
 * the minimal unit first: the same steps as each trained alone). Shows their loss curves as they
 * grow, then their parameter counts next to how well each learned.
 */
export default defineDemo({
  params,
  living: { architecture: mgu, config: networkAt },
  // WebAssembly: 4.9 s against 6.3 s on the CPU backend (median of 3 runs each, Chromium, 2-core
  // machine, bench/demo-backends.ts), every bit recalled on both.
  backend: 'wasm',
  stages: [{ key: 'both:epochs', label: 'Training the minimal gated unit (one gate) and the GRU (two gates) side by side', unit: 'epochs', errorLabel: 'loss, minimal gated unit', weight: 1 }],
  async run(values, progress) {
    const data = delayedBits({ sequences: SEQUENCES, length: LENGTH, delay: values.delay, seed: values.seed });
    const config = networkAt(values);
    const report = progress.within('both');
    const models: tf.LayersModel[] = [];
    let runs: Record<'mgu' | 'gru', { curve: RecallCurve; parameters: number; seconds: number }>;
    try {
      models.push(mgu.build(config), buildGruForComparison(config));
      // The living diagram shows the page's own minimal gated unit on a held-out sequence of the task.
      const heldOut = delayedBits({ sequences: 1, length: LENGTH, delay: values.delay, seed: values.seed + HELD_OUT_SEED });
      progress.watch(models[0]!, tf.tensor3d(heldOut.inputs));
      const parameters = models.map(parameterCount);
      const sofar: [number[], number[]] = [[], []];
      const { losses, seconds } = await trainSideBySide(models, data, {
        epochs: values.epochs,
        learningRate: values.learningRate,
        loss: 'binaryCrossentropy',
        onEpoch: (epoch, [a, b]) => {
          sofar[0].push(a!);
          sofar[1].push(b!);
          report({ phase: 'epochs', done: epoch + 1, total: values.epochs, error: a });
          progress.show(() => [
            lossPlot(
              `Training loss so far, epoch ${epoch + 1} of ${values.epochs}: minimal gated unit and GRU, ${values.units} units each`,
              `After ${epoch + 1} epochs the minimal gated unit's loss is ${a!.toFixed(3)}, the GRU's ${b!.toFixed(3)}. Guessing gives a loss near 0.69.`,
              `minimal gated unit (${parameters[0]} weights)`,
              `GRU (${parameters[1]} weights)`,
              sofar[0],
              sofar[1],
            ),
          ]);
        },
      });
      const accuracy = (model: tf.LayersModel) => recallAccuracy(tf.tidy(() => (model.predict(tf.tensor3d(data.inputs)) as tf.Tensor).arraySync() as number[][][]), data);
      const run = (k: 0 | 1) => ({ curve: { loss: losses[k]!, accuracy: accuracy(models[k]!) }, parameters: parameters[k]!, seconds: seconds[k]! });
      runs = { mgu: run(0), gru: run(1) };
    } finally {
      progress.finish();
      for (const model of models) model.dispose();
    }
    const [one, two] = [runs.mgu!, runs.gru!];
    return {
      metrics: [
        { name: 'mgu-parameters', label: 'Trained weights, minimal gated unit', value: one.parameters, kind: 'count' },
        { name: 'gru-parameters', label: 'Trained weights, GRU', value: two.parameters, kind: 'count' },
        { name: 'mgu-accuracy', label: 'Bits recalled, minimal gated unit', value: one.curve.accuracy, kind: 'fraction' },
        { name: 'gru-accuracy', label: 'Bits recalled, GRU', value: two.curve.accuracy, kind: 'fraction' },
        { name: 'mgu-seconds', label: 'Training time (s), minimal gated unit', value: one.seconds, kind: 'seconds' },
        { name: 'gru-seconds', label: 'Training time (s), GRU', value: two.seconds, kind: 'seconds' },
      ],
      plots: [
        lossPlot(
          `Training loss on recalling the bit from ${values.delay} step${values.delay === 1 ? '' : 's'} back: minimal gated unit and GRU, ${values.units} units each`,
          `Both started keeping ${percent(1 / (1 + Math.exp(-values.keepBias)))} of their state per step (b = ${String(values.keepBias).replace('-', '−')}), seed ${values.seed}. ` +
            `With ${one.parameters} trained weights the minimal gated unit names ${percent(one.curve.accuracy)} of the bits right (final loss ${one.curve.loss.at(-1)!.toFixed(3)}); ` +
            `the GRU, with ${two.parameters}, names ${percent(two.curve.accuracy)} (final loss ${two.curve.loss.at(-1)!.toFixed(3)}). Guessing gives 50 % and a loss near 0.69.`,
          `minimal gated unit (${one.parameters} weights)`,
          `GRU (${two.parameters} weights)`,
          one.curve.loss,
          two.curve.loss,
        ),
      ],
    };
  },
});
