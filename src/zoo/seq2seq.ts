import * as tf from '@tensorflow/tfjs';
import * as z from 'zod/mini';
import { count, fields, seed, type ConfigOf } from '../architecture/config-schema';
import { defineArchitecture } from '../architecture/define';
import { attentionContext } from '../network/layers/attention-context';
import { attentionalHidden } from '../network/layers/attentional-hidden';
import { dotAttentionScore } from '../network/layers/dot-attention-score';
import { openGateBias } from '../network/sequence-model';

const configSchema = fields({
  /** Source vocabulary: one input cell per word (one-hot). */
  sourceSymbols: count(),
  /** Target vocabulary: one cell per word of the decoder's input (the previous word) and of its output softmax. */
  targetSymbols: count(),
  /** Length of each word embedding (source and target alike). */
  embedding: count(),
  /** LSTM layers in the encoder, and again in the decoder. */
  layers: count(),
  /** Memory cells in each LSTM layer. */
  units: count(),
  /**
   * Luong's global attention ("general" score) over the encoder's top-layer states, or none: then, as in
   * Sutskever et al., each decoder layer starts from the final state of the encoder layer at its height,
   * and that handover is the decoder's only road to the source.
   */
  attention: z.boolean({ error: 'expected true or false' }),
  /** Sequence length (source and target) used for the forward-pass shape check. */
  steps: count(),
  seed: seed(),
});
export type Seq2seqConfig = ConfigOf<typeof configSchema>;

/**
 * An encoder–decoder of stacked LSTMs, trained with teacher forcing: two inputs, the source sentence
 * and the target sentence shifted right (a start symbol, then target words 1 … T−1), both one-hot.
 *
 * - source_embedding, target_embedding: a Dense layer with no bias on a one-hot word is a lookup of
 *   that word's embedding (one row of the matrix);
 * - encoder_1 … encoder_L: LSTMs over the source, layer k reading layer k−1 at the same step;
 * - decoder_1 … decoder_L: LSTMs over the shifted target, stacked the same way: at step t the decoder
 *   reads the word before the one it must predict;
 * - with attention (Luong et al., global, "general" score): keys k_s = W_a h̄_s of every top encoder
 *   state (a Dense layer, no bias), score α_ts = softmax_s(h_t · k_s) of the decoder's top state h_t
 *   against every key, context c_t = Σ_s α_ts h̄_s, attentional state
 *   h̃_t = tanh(W_c [c_t; h_t]); the output reads h̃_t. Without: each decoder layer starts from the
 *   final (h, c) of the encoder layer at its height (Sutskever et al.) and the output reads h_t;
 * - output: softmax over the target vocabulary at every step.
 *
 * With attention the decoder starts from zeros (Luong et al. hand the final state over as well):
 * every path from source to output then runs through the attention the diagrams draw.
 */
function build(config: Seq2seqConfig): tf.LayersModel {
  let seed = config.seed;
  const glorot = () => tf.initializers.glorotUniform({ seed: seed++ });
  const source = tf.input({ shape: [null, config.sourceSymbols], name: 'source' });
  const previous = tf.input({ shape: [null, config.targetSymbols], name: 'previous_target' });
  const embed = (x: tf.SymbolicTensor, name: string) =>
    tf.layers.dense({ units: config.embedding, useBias: false, name, kernelInitializer: glorot() }).apply(x) as tf.SymbolicTensor;
  const lstm = (name: string, returnState: boolean) =>
    tf.layers.lstm({
      units: config.units,
      returnSequences: true,
      returnState,
      recurrentActivation: 'sigmoid',
      name,
      kernelInitializer: glorot(),
      recurrentInitializer: tf.initializers.orthogonal({ seed: seed++ }),
    });
  const handover = !config.attention;
  let encoded = embed(source, 'source_embedding');
  const finalStates: tf.SymbolicTensor[][] = [];
  for (let k = 1; k <= config.layers; k++) {
    const layer = lstm(`encoder_${k}`, handover);
    const out = layer.apply(encoded);
    openGateBias(layer, 4, 1, config.units);
    if (handover) {
      const [sequence, h, c] = out as tf.SymbolicTensor[];
      encoded = sequence!;
      finalStates.push([h!, c!]);
    } else encoded = out as tf.SymbolicTensor;
  }
  let decoded = embed(previous, 'target_embedding');
  for (let k = 1; k <= config.layers; k++) {
    const layer = lstm(`decoder_${k}`, false);
    decoded = (handover ? layer.apply(decoded, { initialState: finalStates[k - 1] }) : layer.apply(decoded)) as tf.SymbolicTensor;
    openGateBias(layer, 4, 1, config.units);
  }
  let top = decoded;
  if (config.attention) {
    const keys = tf.layers.dense({ units: config.units, useBias: false, name: 'keys', kernelInitializer: glorot() }).apply(encoded) as tf.SymbolicTensor;
    const alpha = dotAttentionScore('score').apply([decoded, keys]) as tf.SymbolicTensor;
    const context = attentionContext('context').apply([alpha, encoded]) as tf.SymbolicTensor;
    top = attentionalHidden({ units: config.units, seed: seed++, name: 'attentional' }).apply([context, decoded]) as tf.SymbolicTensor;
  }
  const output = tf.layers.dense({ units: config.targetSymbols, activation: 'softmax', name: 'output', kernelInitializer: glorot() }).apply(top) as tf.SymbolicTensor;
  return tf.model({ inputs: [source, previous], outputs: output, name: 'seq2seq' });
}

const sutskeverEtAl = {
  authors: ['Ilya Sutskever', 'Oriol Vinyals', 'Quoc V. Le'],
  title: 'Sequence to sequence learning with neural networks',
  venue: 'NIPS 2014 (Advances in Neural Information Processing Systems 27), 3104–3112',
  year: 2014,
  url: 'https://arxiv.org/abs/1409.3215',
};

/**
 * The encoder–decoder of stacked LSTMs is Sutskever, Vinyals & Le's (2014), and its canonical
 * configuration is theirs, without attention; the attention the diagrams and the demo draw is the
 * global attention of Luong, Pham & Manning (2015). The Facts box says so (`credit: combined`); the
 * article's card cites the encoder–decoder's paper.
 */
export default defineArchitecture<Seq2seqConfig>({
  id: 'seq2seq',
  name: 'Sequence to sequence',
  abbreviation: 'Seq2seq',
  year: 2015,
  paper: sutskeverEtAl,
  credit: {
    kind: 'combined',
    sources: [
      { paper: sutskeverEtAl, contributed: 'the encoder–decoder of deep LSTMs, trained end to end' },
      {
        paper: {
          authors: ['Minh-Thang Luong', 'Hieu Pham', 'Christopher D. Manning'],
          title: 'Effective approaches to attention-based neural machine translation',
          venue: 'EMNLP 2015, 1412–1421',
          year: 2015,
          url: 'https://aclanthology.org/D15-1166/',
        },
        contributed: 'global attention over the top encoder states, the “general” score and the attentional hidden state',
      },
    ],
  },
  training: {
    method: 'backpropagation through time, with teacher forcing',
    summary:
      'Every weight of encoder, decoder, attention and output is trained together on the cross-entropy of each target word, the decoder fed the true previous word; the attention weights are computed afresh for every input, never trained.',
  },
  summary:
    'Two stacked LSTMs, one reading the source sentence and one writing the target word by word from the word before, here joined by attention over every encoder state.',
  family: 'attention',
  views: ['cells', 'unrolled', 'layers'],
  configSchema,
  configs: {
    diagram: { sourceSymbols: 3, targetSymbols: 3, embedding: 2, layers: 2, units: 2, attention: true, steps: 3, seed: 7 },
    // The demo: reversing strings of 5 letters; the target vocabulary adds the start symbol.
    demo: { sourceSymbols: 5, targetSymbols: 6, embedding: 8, layers: 2, units: 16, attention: true, steps: 6, seed: 1 },
    // Sutskever et al., section 3.4: 4 LSTM layers of 1000 cells in the encoder and in the decoder,
    // 1000-dimensional word embeddings, 160,000 source and 80,000 target words, a softmax over the
    // target words; no attention, each decoder layer starting from its encoder layer's final state.
    canonical: { sourceSymbols: 160_000, targetSymbols: 80_000, embedding: 1000, layers: 4, units: 1000, attention: false, steps: 1, seed: 1 },
  },
  published: {
    // 160,000·1000 + 80,000·1000 (embeddings) + 8 · 4·1000·(1000 + 1000 + 1) (LSTM layers)
    // + 1000·80,000 + 80,000 (softmax) = 384,112,000.
    params: 384_000_000,
    tolerance: 500_000,
    source: 'the paper, section 3.4: “The resulting LSTM has 384M parameters”',
    url: 'https://arxiv.org/abs/1409.3215',
  },
  build,
  shapes: (c) => ({ input: [c.steps, c.sourceSymbols], moreInputs: [[c.steps, c.targetSymbols]], output: [c.steps, c.targetSymbols] }),
});
