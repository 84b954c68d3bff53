import * as tf from '@tensorflow/tfjs';
import { defineArchitecture } from '../architecture/define';
import { count, fields, seed, type ConfigOf } from '../architecture/config-schema';

const configSchema = fields({
  inputs: count(),
  /** Cells in each of the two chains of every layer. */
  units: count(),
  /** Bidirectional layers stacked: layer k's two chains both read layer k−1's two chains. */
  layers: count(),
  outputs: count(),
  seed: seed(),
  /** Sequence length used for the forward-pass shape check. */
  steps: count(),
});
export type DeepBidirectionalConfig = ConfigOf<typeof configSchema>;

/**
 * `layers` bidirectional LSTM layers (tfjs's Bidirectional wrapper, mergeMode "concat": forward
 * cells, then backward cells), each returning its state at every step, so layer k's forward and
 * backward chains both read, at step t, the concatenated states of layer k−1's two chains at step t;
 * a Dense layer reads the top layer's two chains at every step. Gates use the logistic sigmoid, as in
 * the paper (tfjs defaults to a hard sigmoid); tfjs's LSTM has no peephole weights.
 */
export function buildDeepBidirectional(config: DeepBidirectionalConfig, name = 'deep-bidirectional-lstm'): tf.LayersModel {
  const input = tf.input({ shape: [null, config.inputs], name: 'input' });
  let states: tf.SymbolicTensor = input;
  for (let k = 1; k <= config.layers; k++) {
    const lstm = tf.layers.lstm({
      units: config.units,
      returnSequences: true,
      recurrentActivation: 'sigmoid',
      name: `lstm_${k}`,
      kernelInitializer: tf.initializers.glorotUniform({ seed: config.seed + 2 * k }),
      recurrentInitializer: tf.initializers.orthogonal({ seed: config.seed + 2 * k + 1 }),
    });
    states = tf.layers.bidirectional({ layer: lstm, mergeMode: 'concat', name: `bidirectional_${k}` }).apply(states) as tf.SymbolicTensor;
  }
  const output = tf.layers.dense({ units: config.outputs, name: 'output', kernelInitializer: tf.initializers.glorotUniform({ seed: config.seed }) });
  return tf.model({ inputs: input, outputs: output.apply(states) as tf.SymbolicTensor, name });
}

/** Bidirectional LSTM layers stacked, as Graves, Mohamed & Hinton used them for TIMIT. */
export default defineArchitecture<DeepBidirectionalConfig>({
  id: 'deep-bidirectional-lstm',
  name: 'Deep bidirectional long short-term memory',
  abbreviation: 'Deep BiLSTM',
  year: 2013,
  paper: {
    authors: ['Alex Graves', 'Abdel-rahman Mohamed', 'Geoffrey Hinton'],
    title: 'Speech recognition with deep recurrent neural networks',
    venue: 'IEEE International Conference on Acoustics, Speech and Signal Processing (ICASSP 2013), 6645–6649',
    year: 2013,
    url: 'https://doi.org/10.1109/ICASSP.2013.6638947',
  },
  summary: 'Bidirectional LSTM layers stacked: at every step, both chains of each layer read both chains of the layer below, so each layer sees the whole sequence through the one beneath it.',
  family: 'recurrent',
  views: ['cells', 'unrolled', 'layers', 'layers-expanded'],
  training: {
    method: 'backpropagation through time, in both directions and through every layer',
    summary:
      'Every weight is trained: the error at each step flows down through the layers and, within each layer, back through the forward chain towards the start of the sequence and through the backward chain towards its end.',
  },
  configs: {
    diagram: { inputs: 2, units: 2, layers: 2, outputs: 2, seed: 9, steps: 3 },
    demo: { inputs: 1, units: 4, layers: 2, outputs: 1, seed: 3, steps: 8 },
    // CTC-5l-250h of the paper's Table 1: 123 inputs (40 filter-bank coefficients and energy, with
    // first and second derivatives), five bidirectional layers of 250 cells per direction, 62 outputs
    // (61 phonemes and the CTC blank). Without peepholes: 7,500 fewer weights than the paper's network.
    canonical: { inputs: 123, units: 250, layers: 5, outputs: 62, seed: 1, steps: 100 },
  },
  published: {
    params: 6_800_000,
    // 6,794,562 with the paper's peepholes (3 × 250 per chain); 6,787,062 without: both within 0.05 M.
    tolerance: 50_000,
    source: 'the paper, Table 1: CTC-5l-250h, 6.8M weights, rounded to 0.1M',
    url: 'https://doi.org/10.1109/ICASSP.2013.6638947',
  },
  configSchema,
  build: (config) => buildDeepBidirectional(config),
  shapes: (c) => ({ input: [c.steps, c.inputs], output: [c.steps, c.outputs] }),
});
