import * as tf from '@tensorflow/tfjs';
import { z } from 'zod/mini';
import { fields, type ConfigOf } from '../architecture/config-schema';
import { defineArchitecture } from '../architecture/define';
import { recallAccuracy, type DelayedBits } from '../network/datasets/delayed-bits';
import { minimalGru } from '../network/layers/minimal-gru';
import { gatedLayer, openGateBias, sequenceModel, sequenceModelSchema } from '../network/sequence-model';
import type { OnProgress } from '../network/training/progress';

const configSchema = fields({
  ...sequenceModelSchema.shape,
  /** Where the unit starts: it keeps σ(keepBias) of its state per step (0 unless given: half). */
  keepBias: z.optional(z.number({ error: 'expected a finite number' })),
});
export type MinimalGruConfig = ConfigOf<typeof configSchema>;

/**
 * Input sequence → a layer of minimal gated units (every step's state) → a sigmoid readout per step.
 * `keepBias` b sets where the unit starts: it keeps σ(b) of its state per step (its forget-gate bias
 * is −b, because this cell's f_t is the share it *replaces*). The definition starts at b = 0: the
 * unit keeps half its state and its candidate reads half the old state, as a GRU with zero biases
 * does with its two gates, so a comparison of the two starts them equal in both of the gate's roles.
 * `keepBias` defaults to the config's (the demo's reader sets it there).
 */
export function buildMinimalGru(config: MinimalGruConfig, keepBias = config.keepBias ?? 0): tf.LayersModel {
  return sequenceModel(config, minimalGru({ units: config.units, seed: config.seed, forgetBias: -keepBias, name: 'minimal-gru', returnSequences: true }), 'minimal-gru', 'sigmoid');
}

const build = (config: MinimalGruConfig): tf.LayersModel => buildMinimalGru(config);

/**
 * The same network with tfjs's GRU in place of the minimal unit (σ gates, like the minimal unit's),
 * for comparisons: same sizes, same readout, same seeds. Its update-gate bias is `keepBias` (reset
 * and candidate biases 0), so with the same b it starts keeping the same σ(b) of its state per step as
 * `buildMinimalGru(config, b)` (tfjs's GRU keeps z ⊙ h_{t−1}).
 */
export function buildGruForComparison(config: MinimalGruConfig, keepBias = config.keepBias ?? 0): tf.LayersModel {
  const layer = gatedLayer('gru', config, 'gru');
  const model = sequenceModel(config, layer, 'gru-baseline', 'sigmoid');
  openGateBias(layer, 3, 0, config.units, keepBias);
  return model;
}

export interface RecallCurve {
  /** Binary cross-entropy over every step after each epoch. */
  readonly loss: readonly number[];
  /** Share of recalled bits right after the last epoch (steps with a bit to recall only). */
  readonly accuracy: number;
}

/**
 * Backpropagation through time with Adam on binary cross-entropy, full batch, fixed order, so two
 * networks trained on the same data differ only by their cells. Reports phase `epochs` with the loss.
 */
export async function trainRecall(model: tf.LayersModel, data: DelayedBits, options: { epochs: number; learningRate: number; onProgress?: OnProgress }): Promise<RecallCurve> {
  const optimizer = tf.train.adam(options.learningRate);
  model.compile({ optimizer, loss: 'binaryCrossentropy' });
  const xs = tf.tensor3d(data.inputs);
  const ys = tf.tensor3d(data.targets);
  try {
    const history = await model.fit(xs, ys, {
      epochs: options.epochs,
      batchSize: data.inputs.length,
      shuffle: false,
      verbose: 0,
      callbacks: { onEpochEnd: (epoch, logs) => options.onProgress?.({ phase: 'epochs', done: epoch + 1, total: options.epochs, error: logs?.loss }) },
    });
    const predicted = tf.tidy(() => (model.predict(xs) as tf.Tensor).arraySync() as number[][][]);
    return { loss: history.history.loss as number[], accuracy: recallAccuracy(predicted, data) };
  } finally {
    optimizer.dispose();
    tf.dispose([xs, ys]);
  }
}

/** Trainable numbers of a model: what "fewer parameters" is measured in. */
export const parameterCount = (model: tf.LayersModel): number => model.trainableWeights.reduce((n, w) => n + w.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0);

export default defineArchitecture<MinimalGruConfig>({
  id: 'minimal-gru',
  name: 'Minimal gated unit',
  abbreviation: 'MGU',
  year: 2016,
  paper: {
    authors: ['Guo-Bing Zhou', 'Jianxin Wu', 'Chen-Lin Zhang', 'Zhi-Hua Zhou'],
    title: 'Minimal gated unit for recurrent neural networks',
    venue: 'International Journal of Automation and Computing 13(3), 226–234',
    year: 2016,
    url: 'https://arxiv.org/abs/1603.09420',
  },
  training: {
    method: 'backpropagation through time',
    summary: 'Every weight is trained, the gate’s and the candidate’s, input and recurrent alike, by unrolling the network over the sequence.',
  },
  summary: 'A gated recurrent cell with a single forget gate: it decides both what of the old state the candidate reads and how far the state moves to the candidate.',
  family: 'recurrent',
  views: ['cells', 'unrolled', 'internals'],
  configSchema,
  configs: {
    diagram: { inputs: 2, units: 3, outputs: 2, seed: 9, steps: 4 },
    demo: { inputs: 1, units: 8, outputs: 1, seed: 1, steps: 20 },
  },
  build,
  shapes: (c) => ({ input: [c.steps, c.inputs], output: [c.steps, c.outputs] }),
});
