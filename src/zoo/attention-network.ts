import * as tf from '@tensorflow/tfjs';
import { count, fields, seed, type ConfigOf } from '../architecture/config-schema';
import { defineArchitecture } from '../architecture/define';
import { additiveAlignment } from '../network/layers/additive-alignment';
import { attentionContext } from '../network/layers/attention-context';
import { attentionScore } from '../network/layers/attention-score';
import type { OnProgress } from '../network/training/progress';

const configSchema = fields({
  /** Symbols of the alphabet: one input cell and one output cell each (one-hot). */
  symbols: count(),
  /** Recurrent units of the encoder: the size of each stored state h_j. */
  encoder: count(),
  /** Recurrent units of the decoder: the size of each query s_i. */
  decoder: count(),
  /** Hidden units of the alignment model (the length of W_a s_i and U_a h_j). */
  alignment: count(),
  /** Sequence length used for the forward-pass shape check and for training. */
  steps: count(),
  seed: seed(),
});
export type AttentionConfig = ConfigOf<typeof configSchema>;

/**
 * An encoder–decoder with additive (Bahdanau) attention, as tfjs layers, one per group of cells:
 *
 * - encoder: SimpleRNN over the source, every state h_j kept (returnSequences);
 * - keys: k_j = U_a h_j (Dense, no bias), computed once per source position;
 * - decoder: SimpleRNN that steps through the output positions in lockstep with the encoder,
 *   reading the encoder state at its own step; its state s_i is the query of step i;
 * - alignment: a_ij = tanh(W_a s_i + k_j) for every pair (i, j);
 * - score: α_ij = softmax_j(v_aᵀ a_ij), the attention weights;
 * - context: c_i = Σ_j α_ij h_j;
 * - output: softmax(W_o c_i + b_o), one symbol per output position.
 *
 * The output reads only the context: whatever the network says at step i it has read from the
 * encoder's states through α. (Bahdanau et al. also feed c_i, s_{i−1} and y_{i−1} into the decoder
 * and the output; the article says what differs.)
 */
function build(config: AttentionConfig): tf.LayersModel {
  let seed = config.seed;
  const glorot = () => tf.initializers.glorotUniform({ seed: seed++ });
  const orthogonal = () => tf.initializers.orthogonal({ seed: seed++ });
  const source = tf.input({ shape: [config.steps, config.symbols], name: 'source' });
  const rnn = (units: number, name: string) =>
    tf.layers.simpleRNN({ units, returnSequences: true, name, kernelInitializer: glorot(), recurrentInitializer: orthogonal() });
  const encoder = rnn(config.encoder, 'encoder').apply(source) as tf.SymbolicTensor;
  const keys = tf.layers.dense({ units: config.alignment, useBias: false, name: 'keys', kernelInitializer: glorot() }).apply(encoder) as tf.SymbolicTensor;
  const decoder = rnn(config.decoder, 'decoder').apply(encoder) as tf.SymbolicTensor;
  const alignment = additiveAlignment({ units: config.alignment, seed: seed++, name: 'alignment' }).apply([decoder, keys]) as tf.SymbolicTensor;
  const weights = attentionScore({ seed: seed++, name: 'score' }).apply(alignment) as tf.SymbolicTensor;
  const context = attentionContext('context').apply([weights, encoder]) as tf.SymbolicTensor;
  const output = tf.layers.dense({ units: config.symbols, activation: 'softmax', name: 'output', kernelInitializer: glorot() }).apply(context) as tf.SymbolicTensor;
  return tf.model({ inputs: source, outputs: output, name: 'attention-network' });
}

/** A second model on the same layers whose output is the attention weights α (batch, T, S): what the heat map shows. */
export function attentionWeightsOf(model: tf.LayersModel): tf.LayersModel {
  return tf.model({ inputs: model.inputs, outputs: model.getLayer('score').output as tf.SymbolicTensor, name: 'attention-weights' });
}

export interface ReversalTraining {
  /** Cross-entropy per output symbol on the training set after each epoch. */
  readonly loss: readonly number[];
}

/**
 * Backpropagation through time with Adam on categorical cross-entropy, in minibatches of a fixed
 * order (no shuffling: a seeded model trains to the same weights each time). Reports phase `epochs`.
 */
export async function trainReversal(
  model: tf.LayersModel,
  set: { readonly sources: readonly (readonly (readonly number[])[])[]; readonly targets: readonly (readonly (readonly number[])[])[] },
  options: { epochs: number; learningRate: number; batchSize: number; onProgress?: OnProgress; onBatch?: (loss: number) => void },
): Promise<ReversalTraining> {
  const optimizer = tf.train.adam(options.learningRate);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  const xs = tf.tensor3d(set.sources as number[][][]);
  const ys = tf.tensor3d(set.targets as number[][][]);
  try {
    const history = await model.fit(xs, ys, {
      epochs: options.epochs,
      batchSize: options.batchSize,
      shuffle: false,
      verbose: 0,
      callbacks: {
        onBatchEnd: (_, logs) => options.onBatch?.(logs?.loss as number),
        onEpochEnd: (epoch, logs) => options.onProgress?.({ phase: 'epochs', done: epoch + 1, total: options.epochs, error: logs?.loss }),
      },
    });
    return { loss: history.history.loss as number[] };
  } finally {
    optimizer.dispose();
    tf.dispose([xs, ys]);
  }
}

export default defineArchitecture<AttentionConfig>({
  id: 'attention-network',
  name: 'Attention network',
  abbreviation: 'AN',
  year: 2014,
  paper: {
    authors: ['Dzmitry Bahdanau', 'Kyunghyun Cho', 'Yoshua Bengio'],
    title: 'Neural machine translation by jointly learning to align and translate',
    venue: 'arXiv:1409.0473; ICLR 2015',
    year: 2014,
    url: 'https://arxiv.org/abs/1409.0473',
  },
  training: {
    method: 'backpropagation through time',
    summary:
      'Encoder, decoder, alignment model and output are trained together by backpropagation on the output error; the attention weights are not trained: they are computed afresh for every input.',
  },
  summary:
    'An encoder–decoder that keeps every encoder state and, at each output step, reads them through attention weights computed by a small learned alignment model, instead of squeezing the input into one fixed-size vector.',
  family: 'attention',
  views: ['cells', 'unrolled', 'layers'],
  configSchema,
  configs: {
    diagram: { symbols: 3, encoder: 2, decoder: 2, alignment: 2, steps: 4, seed: 3 },
    demo: { symbols: 5, encoder: 16, decoder: 12, alignment: 12, steps: 6, seed: 1 },
  },
  build,
  shapes: (c) => ({ input: [c.steps, c.symbols], output: [c.steps, c.symbols] }),
});
