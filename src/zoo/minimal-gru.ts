import * as tf from '@tensorflow/tfjs';
import { defineArchitecture } from '../architecture/define';
import { recallAccuracy, type DelayedBits } from '../network/datasets/delayed-bits';
import { minimalGru } from '../network/layers/minimal-gru';
import { gatedLayer, sequenceModel, sequenceModelSchema, type SequenceModelConfig } from '../network/sequence-model';
import type { OnProgress } from '../network/training/progress';

const configSchema = sequenceModelSchema;
export type MinimalGruConfig = SequenceModelConfig;

/** Input sequence → a layer of minimal gated units (every step's state) → a sigmoid readout per step. */
function build(config: MinimalGruConfig): tf.LayersModel {
  return sequenceModel(config, minimalGru({ units: config.units, seed: config.seed, name: 'minimal-gru', returnSequences: true }), 'minimal-gru', 'sigmoid');
}

/**
 * The same network with tfjs's GRU in place of the minimal unit (σ gates, like the minimal unit's),
 * for comparisons: same sizes, same readout, same seeds.
 */
export function buildGruForComparison(config: MinimalGruConfig): tf.LayersModel {
  return sequenceModel(config, gatedLayer('gru', config, 'gru'), 'gru-baseline', 'sigmoid');
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
