import * as tf from '@tensorflow/tfjs';
import * as z from 'zod/mini';
import { defineArchitecture } from '../architecture/define';
import { count, fields, seed, type ConfigOf } from '../architecture/config-schema';
import { openGateBias } from '../network/sequence-model';

const configSchema = fields({
  inputs: count(),
  /** LSTM layers, bottom to top. */
  layers: count(),
  /** Memory cells in each LSTM layer. */
  units: count(),
  outputs: count(),
  seed: seed(),
  /** Sequence length used for the forward-pass shape check. */
  steps: count(),
  /**
   * true: Graves's skip connections (2013): the input also reaches every layer above the first, and the
   * output layer reads every layer, not only the top one. false: a plain stack.
   */
  skip: z.boolean(),
});
export type StackedLstmConfig = ConfigOf<typeof configSchema>;

/**
 * `layers` LSTM layers of `units` cells, each reading the whole output sequence of the one below:
 * layer k at step t reads layer k−1 at step t and its own outputs at t−1. A Dense layer reads the
 * top layer at every step (with `skip`, every layer). As in the lstm definition, σ gates and a
 * forget-gate bias starting at 1.
 */
function build(config: StackedLstmConfig): tf.LayersModel {
  const input = tf.input({ shape: [null, config.inputs], name: 'input' });
  const outputs: tf.SymbolicTensor[] = [];
  let below: tf.SymbolicTensor = input;
  for (let k = 1; k <= config.layers; k++) {
    const layer = tf.layers.lstm({
      units: config.units,
      returnSequences: true,
      recurrentActivation: 'sigmoid',
      name: `lstm_${k}`,
      kernelInitializer: tf.initializers.glorotUniform({ seed: config.seed + 10 * k }),
      recurrentInitializer: tf.initializers.orthogonal({ seed: config.seed + 10 * k + 1 }),
    });
    const reads = config.skip && k > 1 ? (tf.layers.concatenate({ name: `into_${k}` }).apply([input, below]) as tf.SymbolicTensor) : below;
    below = layer.apply(reads) as tf.SymbolicTensor;
    openGateBias(layer, 4, 1, config.units);
    outputs.push(below);
  }
  const top = config.skip && outputs.length > 1 ? (tf.layers.concatenate({ name: 'all_layers' }).apply(outputs) as tf.SymbolicTensor) : below;
  const output = tf.layers.dense({ units: config.outputs, name: 'output', kernelInitializer: tf.initializers.glorotUniform({ seed: config.seed + 2 }) });
  return tf.model({ inputs: input, outputs: output.apply(top) as tf.SymbolicTensor, name: 'stacked-lstm' });
}

export default defineArchitecture<StackedLstmConfig>({
  id: 'stacked-lstm',
  name: 'Stacked long short-term memory',
  abbreviation: 'Stacked LSTM',
  year: 2013,
  paper: {
    authors: ['Alex Graves'],
    title: 'Generating Sequences With Recurrent Neural Networks',
    venue: 'arXiv:1308.0850',
    year: 2013,
    url: 'https://arxiv.org/abs/1308.0850',
  },
  training: {
    method: 'backpropagation through time',
    summary: 'Every weight of every layer is trained together: the error at each step flows down through the layers and back through time within each layer.',
  },
  summary: 'LSTM layers stacked in depth: each layer reads the whole output sequence of the layer below, so the upper layers work on what the lower ones have already made of the input.',
  family: 'recurrent',
  views: ['cells', 'unrolled', 'layers'],
  configSchema,
  configs: {
    diagram: { inputs: 2, layers: 2, units: 2, outputs: 1, seed: 11, steps: 3, skip: false },
    // The demo's stacked network: windowed parity of ±1 bits, 10 steps per sequence.
    demo: { inputs: 1, layers: 2, units: 8, outputs: 1, seed: 5, steps: 10, skip: false },
    // The handwriting-prediction network of Graves (2013), section 4: pen offsets and an end-of-stroke
    // bit in (3), three layers of 400 LSTM cells with skip connections, and a mixture density output
    // of 20 bivariate Gaussians plus the end-of-stroke probability (121 numbers) read from all layers.
    canonical: { inputs: 3, layers: 3, units: 400, outputs: 121, seed: 1, steps: 1, skip: true },
  },
  published: {
    params: 3_400_000,
    tolerance: 50_000,
    source: 'Graves (2013), section 4.2: “3.4M weights” for the handwriting prediction network',
    url: 'https://arxiv.org/abs/1308.0850',
  },
  build,
  shapes: (c) => ({ input: [c.steps, c.inputs], output: [c.steps, c.outputs] }),
});
