import * as tf from '@tensorflow/tfjs';
import { z } from 'zod/mini';
import { count, fields, seed, type ConfigOf } from '../architecture/config-schema';
import { defineArchitecture } from '../architecture/define';
import { layerNormalization } from '../network/layers/layer-norm';
import { multiHeadAttention } from '../network/layers/multi-head-attention';
import { TiedSoftmax, TokenEmbedding } from '../network/layers/token-embedding';

const configSchema = fields({
  /** Symbols of the shared vocabulary (source and target alike), one-hot: the width of input and output. */
  symbols: count(),
  /** Positions of the source and of the target sequence; absent: any length (the canonical model). */
  positions: z.optional(count()),
  /** d_model: the width of every embedding, sub-layer output and residual stream. */
  model: count(),
  /** h: attention heads in every multi-head attention. */
  heads: count(),
  /** d_k = d_v: the width of each head's queries, keys and values. */
  keyDim: count(),
  /** d_ff: hidden units of each position-wise feed-forward network. */
  ff: count(),
  /** N: encoder layers, and as many decoder layers. */
  layers: count(),
  seed: seed(),
});
export type TransformerConfig = ConfigOf<typeof configSchema>;

export interface TransformerOptions {
  /**
   * Mask the decoder's self-attention so position i reads only positions j ≤ i (the paper's
   * design, default true). False builds the same network without the mask: under teacher forcing it
   * can read the very symbol it is asked to predict (the demo shows what that does).
   */
  readonly causal?: boolean;
}

/**
 * The Transformer of Vaswani et al., post-LN as in the paper, as tfjs layers:
 *
 * - `source_embedding`: E x · √d_model + PE (one-hot symbols, a fixed sinusoidal position code);
 *   `target_embedding` and the pre-softmax layer `output` read the same matrix E (section 3.4);
 * - encoder layer n: self-attention `enc<n>_attn` (multi-head, every position reads every position),
 *   then Add and LayerNorm; a position-wise feed-forward network `enc<n>_ffn_hidden` (ReLU, d_ff) →
 *   `enc<n>_ffn_output` (d_model), then Add and LayerNorm;
 * - decoder layer n: causally masked self-attention `dec<n>_self`, Add & Norm; encoder–decoder
 *   attention `dec<n>_cross` (queries from the decoder, keys and values from the encoder's last
 *   layer), Add & Norm; feed-forward, Add & Norm;
 * - `output`: softmax(h Eᵀ) over the vocabulary at every target position.
 *
 * Inputs: the source symbols and the target symbols shifted right (a start symbol first), one-hot,
 * each (positions, symbols); output: the next-symbol probabilities (positions, symbols). Dropout
 * (P_drop = 0.1 in the paper) is left out: it changes training, not what the network computes.
 */
export function buildTransformer(config: TransformerConfig, options: TransformerOptions = {}): tf.LayersModel {
  let seed = config.seed;
  const glorot = () => tf.initializers.glorotUniform({ seed: seed++ });
  const positions = config.positions ?? null;
  const source = tf.input({ shape: [positions, config.symbols], name: 'source' });
  const target = tf.input({ shape: [positions, config.symbols], name: 'target' });
  const embedding = new TokenEmbedding({ vocabulary: config.symbols, units: config.model, seed: seed++, name: 'source_embedding' });
  const targetEmbedding = new TokenEmbedding({ vocabulary: config.symbols, units: config.model, seed: 0, tiedTo: embedding.name, name: 'target_embedding' }, embedding);

  const apply = (layer: tf.layers.Layer, x: tf.SymbolicTensor | tf.SymbolicTensor[]) => layer.apply(x) as tf.SymbolicTensor;
  /** Residual and layer normalisation around a sub-layer (post-LN): LayerNorm(x + Sublayer(x)). */
  const addAndNorm = (x: tf.SymbolicTensor, sublayer: tf.SymbolicTensor, name: string) =>
    apply(layerNormalization({ epsilon: 1e-6, name: `${name}_norm` }), apply(tf.layers.add({ name: `${name}_add` }), [sublayer, x]));
  const attention = (query: tf.SymbolicTensor, keyValue: tf.SymbolicTensor, name: string, causal = false) => {
    const mha = multiHeadAttention({ heads: config.heads, keyDim: config.keyDim, causal, seed, name });
    seed += 4;
    return mha.apply([query, keyValue]);
  };
  const feedForward = (x: tf.SymbolicTensor, name: string) => {
    const hidden = apply(tf.layers.dense({ units: config.ff, activation: 'relu', name: `${name}_hidden`, kernelInitializer: glorot() }), x);
    return apply(tf.layers.dense({ units: config.model, name: `${name}_output`, kernelInitializer: glorot() }), hidden);
  };

  let x = apply(embedding, source);
  for (let n = 1; n <= config.layers; n++) {
    x = addAndNorm(x, attention(x, x, `enc${n}_attn`), `enc${n}_attn`);
    x = addAndNorm(x, feedForward(x, `enc${n}_ffn`), `enc${n}_ffn`);
  }
  const memory = x;
  let y = apply(targetEmbedding, target);
  for (let n = 1; n <= config.layers; n++) {
    y = addAndNorm(y, attention(y, y, `dec${n}_self`, options.causal ?? true), `dec${n}_self`);
    y = addAndNorm(y, attention(y, memory, `dec${n}_cross`), `dec${n}_cross`);
    y = addAndNorm(y, feedForward(y, `dec${n}_ffn`), `dec${n}_ffn`);
  }
  const output = apply(new TiedSoftmax({ vocabulary: config.symbols, name: 'output' }, embedding), y);
  return tf.model({ inputs: [source, target], outputs: output, name: 'transformer' });
}

/**
 * Parameters of the model `buildTransformer` makes, by the paper's parts: E (V·d, shared), per encoder
 * layer one multi-head attention (4 (d·h·d_k + h·d_k), W_q, W_k, W_v, W_o with biases, d_v = d_k and
 * h·d_k = d), a feed-forward network (2 d·d_ff + d_ff + d) and two LayerNorms (2 · 2d); per decoder layer
 * two attentions, a feed-forward network and three LayerNorms. The softmax layer adds nothing.
 */
export function transformerParams(c: Pick<TransformerConfig, 'symbols' | 'model' | 'heads' | 'keyDim' | 'ff' | 'layers'>): number {
  const inner = c.heads * c.keyDim;
  const attention = 3 * (c.model * inner + inner) + inner * c.model + c.model;
  const ffn = 2 * c.model * c.ff + c.ff + c.model;
  const norm = 2 * c.model;
  return c.symbols * c.model + c.layers * (attention + ffn + 2 * norm) + c.layers * (2 * attention + ffn + 3 * norm);
}

export default defineArchitecture<TransformerConfig>({
  id: 'transformer',
  name: 'Transformer',
  abbreviation: 'TF',
  year: 2017,
  paper: {
    authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar', 'Jakob Uszkoreit', 'Llion Jones', 'Aidan N. Gomez', 'Łukasz Kaiser', 'Illia Polosukhin'],
    title: 'Attention is all you need',
    venue: 'NIPS 2017, 5998–6008',
    year: 2017,
    url: 'https://arxiv.org/abs/1706.03762',
  },
  training: {
    method: 'backpropagation',
    summary:
      'Embeddings, attention projections and feed-forward layers are trained together by backpropagation on the next-symbol cross-entropy, with the right answers fed to the decoder (teacher forcing); the attention weights are not trained: they are computed afresh for every input.',
  },
  summary:
    'An encoder–decoder made of attention alone: every position reads every other through several heads of scaled dot-product attention, the decoder only the positions before its own, with no recurrence, so all positions are computed at once.',
  family: 'attention',
  views: ['cells', 'unrolled', 'layers', 'layers-expanded'],
  configSchema,
  configs: {
    // Every cell drawn: 4 symbols, 3 positions, d_model 2 in 2 heads of 1, d_ff 3, one encoder and one decoder layer.
    diagram: { symbols: 4, positions: 3, model: 2, heads: 2, keyDim: 1, ff: 3, layers: 1, seed: 3 },
    // The demo's: reversal of 4 letters out of 3 (plus a start symbol), one layer each side.
    demo: { symbols: 4, positions: 4, model: 16, heads: 2, keyDim: 8, ff: 32, layers: 1, seed: 1 },
    // The base model of the paper, Table 3 (N = 6, d_model = 512, d_ff = 2048, h = 8, d_k = d_v = 64),
    // on a shared source–target vocabulary of 37,000 symbols (section 5.1, EN–DE), with one matrix for
    // both embeddings and the pre-softmax layer (section 3.4).
    canonical: { symbols: 37000, model: 512, heads: 8, keyDim: 64, ff: 2048, layers: 6, seed: 1 },
  },
  published: {
    // 63,082,496 built, 1.9 M (3 %) under the table's figure; see the article for what may account for it.
    params: 65_000_000,
    tolerance: 2_000_000,
    source: 'the paper, Table 3: base model, 65 × 10⁶ parameters, vocabulary and weight sharing not stated beside it; counted here with the 37,000-symbol shared vocabulary of section 5.1 and the tied matrix of section 3.4',
    url: 'https://arxiv.org/abs/1706.03762',
  },
  build: (config) => buildTransformer(config),
  shapes: (c) => ({ input: [c.positions ?? 1, c.symbols], moreInputs: [[c.positions ?? 1, c.symbols]], output: [c.positions ?? 1, c.symbols] }),
});

/**
 * Free decoding, greedy: the decoder starts from the start symbol alone and is fed its own previous
 * answers, one position per pass; positions not yet decoded hold no symbol (all zeros). Returns the
 * symbols said, [sequence][position].
 */
export function decodeGreedy(model: tf.LayersModel, sources: readonly (readonly (readonly number[])[])[], start: number): number[][] {
  const [count, length, width] = [sources.length, sources[0]!.length, sources[0]![0]!.length];
  const said: number[][] = Array.from({ length: count }, () => []);
  tf.tidy(() => {
    const source = tf.tensor3d(sources as number[][][]);
    for (let i = 0; i < length; i++) {
      const input = said.map((s) => Array.from({ length }, (_, p) => (p === 0 ? oneHotOf(start, width) : p <= i ? oneHotOf(s[p - 1]!, width) : new Array<number>(width).fill(0))));
      const next = tf.tidy(() => ((model.predict([source, tf.tensor3d(input)]) as tf.Tensor).slice([0, i, 0], [count, 1, width]).argMax(-1).arraySync() as number[][]));
      next.forEach((row, n) => said[n]!.push(row[0]!));
    }
  });
  return said;
}
const oneHotOf = (symbol: number, width: number): number[] => Array.from({ length: width }, (_, k) => (k === symbol ? 1 : 0));
