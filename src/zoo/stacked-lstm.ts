import * as tf from '@tensorflow/tfjs';
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
});
export type StackedLstmConfig = ConfigOf<typeof configSchema>;

/**
 * `layers` LSTM layers of `units` cells, each reading the whole output sequence of the one below:
 * layer k at step t reads layer k−1 at step t and its own outputs at t−1. A Dense layer reads the
 * top layer at every step. As in the lstm definition, σ gates and a
 * forget-gate bias starting at 1.
 */
function build(config: StackedLstmConfig): tf.LayersModel {
  const input = tf.input({ shape: [null, config.inputs], name: 'input' });
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
    below = layer.apply(below) as tf.SymbolicTensor;
    openGateBias(layer, 4, 1, config.units);
  }
  const output = tf.layers.dense({ units: config.outputs, name: 'output', kernelInitializer: tf.initializers.glorotUniform({ seed: config.seed + 2 }) });
  return tf.model({ inputs: input, outputs: output.apply(below) as tf.SymbolicTensor, name: 'stacked-lstm' });
}

export default defineArchitecture<StackedLstmConfig>({
  id: 'stacked-lstm',
  name: 'Stacked long short-term memory',
  abbreviation: 'Stacked LSTM',
  year: 2013,
  paper: {
    authors: ['Alex Graves', 'Abdel-rahman Mohamed', 'Geoffrey Hinton'],
    title: 'Speech recognition with deep recurrent neural networks',
    venue: 'ICASSP 2013, 6645–6649',
    year: 2013,
    url: 'https://doi.org/10.1109/ICASSP.2013.6638947',
  },
  // LSTM networks had been stacked before, in hierarchies trained level by level towards different
  // targets; this paper is the one that showed deep LSTM stacks beating wide single layers at equal
  // size and made stacking the usual way to grow an LSTM model (the article tells the history).
  credit: {
    kind: 'popularised',
    earlier: [
      {
        contributed: 'LSTM networks stacked in a hierarchy, each level reading the outputs of the one below',
        paper: {
          authors: ['Santiago Fernández', 'Alex Graves', 'Jürgen Schmidhuber'],
          title: 'Sequence labelling in structured domains with hierarchical recurrent neural networks',
          venue: 'IJCAI 2007, 774–779',
          year: 2007,
          url: 'https://www.ijcai.org/Abstract/07/124',
        },
      },
    ],
  },
  training: {
    method: 'backpropagation through time',
    summary: 'Every weight of every layer is trained together: the error at each step flows down through the layers and back through time within each layer.',
  },
  summary: 'LSTM layers stacked in depth: each layer reads the whole output sequence of the layer below, so the upper layers work on what the lower ones have already made of the input.',
  family: 'recurrent',
  views: ['cells', 'unrolled', 'layers', 'layers-expanded'],
  configSchema,
  configs: {
    diagram: { inputs: 2, layers: 2, units: 2, outputs: 1, seed: 11, steps: 3 },
    // The demo's stacked network: windowed parity of ±1 bits, 10 steps per sequence.
    demo: { inputs: 1, layers: 2, units: 8, outputs: 1, seed: 5, steps: 10 },
    // CTC-3l-421h-uni of Graves, Mohamed & Hinton (2013), Table 1: the TIMIT network with three
    // forward-only LSTM layers of 421 cells. In: 123 numbers per frame (40 filter-bank coefficients
    // and energy, with first and second differences); out: 62 (61 phonemes and the CTC blank).
    // Our output layer is linear where theirs is a softmax (the same weights); tfjs's LSTM has no
    // peephole weights (3 per cell, 3,789 in all), within the table's rounding.
    canonical: { inputs: 123, layers: 3, units: 421, outputs: 62, seed: 1, steps: 1 },
  },
  published: {
    params: 3_800_000,
    tolerance: 50_000,
    source: 'the paper, Table 1: CTC-3l-421h-uni, “3.8M” weights',
    url: 'https://arxiv.org/abs/1303.5778',
  },
  build,
  shapes: (c) => ({ input: [c.steps, c.inputs], output: [c.steps, c.outputs] }),
});
