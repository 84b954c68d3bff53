import * as tf from '@tensorflow/tfjs';

/**
 * Multi-head scaled dot-product attention (Vaswani et al.), which tfjs 4.22 lacks, built from layers
 * the drawing can read one by one:
 *
 * - `<name>_query`, `<name>_key`, `<name>_value`: Dense projections W_q, W_k (heads × keyDim units)
 *   and W_v (heads × valueDim), applied at every position; the query from the first input, key and
 *   value from the second (self-attention: the same tensor twice);
 * - `<name>_scores`: α_h,ij = softmax_j(q_h,i · k_h,j / √keyDim), one cell per head, no weight
 *   (ScaledDotProductScore); with `causal`, position i reads only j ≤ i: α_h,ij = 0 for j > i;
 * - `<name>_context`: c_h,i = Σ_j α_h,ij v_h,j, the heads side by side, no weight (MultiHeadContext);
 * - `<name>_output`: W_o, a Dense projection back to the query's width (or `outputDim`).
 *
 * The attention weights are computed afresh for every input, never trained: the drawing shows them as
 * weightless dependencies, and pairs the causal mask removes as no dependency at all.
 */
export interface MultiHeadAttentionArgs {
  readonly heads: number;
  /** Width of each head's query and key (d_k). */
  readonly keyDim: number;
  /** Width of each head's value (d_v); keyDim by default. */
  readonly valueDim?: number;
  /** Width of the output; the query's last dimension by default. */
  readonly outputDim?: number;
  /** Mask every pair j > i: position i reads only itself and earlier positions. */
  readonly causal?: boolean;
  /** A bias on each of W_q, W_k, W_v and W_o (default true). */
  readonly useBias?: boolean;
  /** First of four seeds, for W_q, W_k, W_v and W_o in that order. */
  readonly seed: number;
  readonly name: string;
}

/** The layers of one multi-head attention, once applied. */
export interface MultiHeadAttentionLayers {
  readonly query: tf.layers.Layer;
  readonly key: tf.layers.Layer;
  readonly value: tf.layers.Layer;
  readonly scores: ScaledDotProductScore;
  readonly context: MultiHeadContext;
  readonly output: tf.layers.Layer;
}

const positiveInteger = (what: string, value: unknown): number => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new Error(`multiHeadAttention: expected ${what} to be a positive integer, but got ${String(value)}`);
  return value;
};

export interface ScaledDotProductScoreArgs {
  readonly heads: number;
  readonly causal?: boolean;
  readonly name?: string;
}

/**
 * The attention weights of every head: inputs [q (batch, Tq, heads·d_k), k (batch, Tk, heads·d_k)],
 * output α (batch, heads, Tq, Tk) with α_h,ij = softmax_j(q_h,i · k_h,j / √d_k). No weight. With
 * `causal`, the scores of pairs j > i are −∞ before the softmax, so their weights are exactly 0 and
 * nothing at j > i reaches position i (Tq must equal Tk).
 */
export class ScaledDotProductScore extends tf.layers.Layer {
  static readonly className = 'ScaledDotProductScore';
  readonly heads: number;
  readonly causal: boolean;

  constructor(args: ScaledDotProductScoreArgs) {
    super({ name: args.name });
    this.heads = positiveInteger('heads', args.heads);
    this.causal = args.causal ?? false;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      if (!Array.isArray(inputs) || inputs.length !== 2) throw new Error('ScaledDotProductScore: expected two inputs [queries, keys]');
      const [q, k] = inputs as [tf.Tensor3D, tf.Tensor3D];
      const [batch, tq, width] = q.shape;
      const tk = k.shape[1];
      const dk = width / this.heads;
      const split = (x: tf.Tensor3D, t: number) => tf.transpose(tf.reshape(x, [batch, t, this.heads, dk]), [0, 2, 1, 3]);
      let scores = tf.div(tf.matMul(split(q, tq) as tf.Tensor4D, split(k, tk) as tf.Tensor4D, false, true), Math.sqrt(dk));
      if (this.causal) {
        if (tq !== tk) throw new Error(`ScaledDotProductScore: a causal mask needs as many queries as keys, but got ${tq} and ${tk}`);
        const allowed = tf.linalg.bandPart(tf.ones([tq, tk]), -1, 0).reshape([1, 1, tq, tk]);
        scores = tf.where(tf.cast(allowed, 'bool').broadcastTo(scores.shape), scores, tf.fill(scores.shape, -Infinity));
      }
      return tf.softmax(scores, -1);
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [q, k] = inputShape as tf.Shape[];
    if (!q || !k || q.length !== 3 || k.length !== 3 || q[2] !== k[2] || typeof q[2] !== 'number' || q[2] % this.heads !== 0)
      throw new Error(`ScaledDotProductScore: expected queries and keys [batch, positions, heads·d_k] of one width divisible by ${this.heads} heads, but got ${JSON.stringify(inputShape)}`);
    return [q[0] ?? null, this.heads, q[1] ?? null, k[1] ?? null];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), heads: this.heads, causal: this.causal };
  }
}
tf.serialization.registerClass(ScaledDotProductScore);

/**
 * Each head's values weighted by its attention: inputs [α (batch, heads, Tq, Tk), v (batch, Tk,
 * heads·d_v)], output (batch, Tq, heads·d_v), head h in units h·d_v … (h+1)·d_v − 1:
 * c_h,i = Σ_j α_h,ij v_h,j. No weight.
 */
export class MultiHeadContext extends tf.layers.Layer {
  static readonly className = 'MultiHeadContext';

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      if (!Array.isArray(inputs) || inputs.length !== 2) throw new Error('MultiHeadContext: expected two inputs [attention weights, values]');
      const [alpha, v] = inputs as [tf.Tensor4D, tf.Tensor3D];
      const [batch, heads, tq] = alpha.shape;
      const [, tk, width] = v.shape;
      const dv = width / heads;
      const values = tf.transpose(tf.reshape(v, [batch, tk, heads, dv]), [0, 2, 1, 3]) as tf.Tensor4D;
      return tf.reshape(tf.transpose(tf.matMul(alpha, values), [0, 2, 1, 3]), [batch, tq, width]);
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [alpha, v] = inputShape as tf.Shape[];
    if (!alpha || !v || alpha.length !== 4 || v.length !== 3)
      throw new Error(`MultiHeadContext: expected inputs [batch, heads, queries, keys] and [batch, keys, heads·d_v], but got ${JSON.stringify(inputShape)}`);
    return [alpha[0] ?? null, alpha[2] ?? null, v[2] ?? null];
  }
}
tf.serialization.registerClass(MultiHeadContext);

/**
 * Multi-head attention applied to [query, keyValue] (each (batch, positions, width)), Keras-like:
 * `multiHeadAttention({ heads: 8, keyDim: 64, seed, name }).apply([x, x])` is self-attention.
 * Builds its six layers on first use (the output's width defaults to the query's); apply it once.
 */
export class MultiHeadAttention {
  readonly heads: number;
  readonly keyDim: number;
  readonly valueDim: number;
  readonly causal: boolean;
  readonly useBias: boolean;
  readonly name: string;
  private applied?: MultiHeadAttentionLayers;

  constructor(readonly args: MultiHeadAttentionArgs) {
    this.heads = positiveInteger('heads', args.heads);
    this.keyDim = positiveInteger('keyDim', args.keyDim);
    this.valueDim = positiveInteger('valueDim', args.valueDim ?? args.keyDim);
    this.causal = args.causal ?? false;
    this.useBias = args.useBias ?? true;
    this.name = args.name;
  }

  /** The layers, once `apply` has built them. */
  get layers(): MultiHeadAttentionLayers {
    if (!this.applied) throw new Error(`multiHeadAttention "${this.name}": not applied yet`);
    return this.applied;
  }

  apply(inputs: readonly [tf.SymbolicTensor, tf.SymbolicTensor]): tf.SymbolicTensor {
    if (this.applied) throw new Error(`multiHeadAttention "${this.name}": already applied; make one per use`);
    const [query, keyValue] = inputs;
    const outputDim = this.args.outputDim ?? query.shape.at(-1);
    if (typeof outputDim !== 'number') throw new Error(`multiHeadAttention "${this.name}": the query's last dimension must be known, but got [${query.shape.join(', ')}]`);
    const dense = (units: number, part: string, seed: number) =>
      tf.layers.dense({ units, useBias: this.useBias, name: `${this.name}_${part}`, kernelInitializer: tf.initializers.glorotUniform({ seed }) });
    const layers: MultiHeadAttentionLayers = {
      query: dense(this.heads * this.keyDim, 'query', this.args.seed),
      key: dense(this.heads * this.keyDim, 'key', this.args.seed + 1),
      value: dense(this.heads * this.valueDim, 'value', this.args.seed + 2),
      scores: new ScaledDotProductScore({ heads: this.heads, causal: this.causal, name: `${this.name}_scores` }),
      context: new MultiHeadContext({ name: `${this.name}_context` }),
      output: dense(outputDim, 'output', this.args.seed + 3),
    };
    this.applied = layers;
    const q = layers.query.apply(query) as tf.SymbolicTensor;
    const k = layers.key.apply(keyValue) as tf.SymbolicTensor;
    const v = layers.value.apply(keyValue) as tf.SymbolicTensor;
    const alpha = layers.scores.apply([q, k]) as tf.SymbolicTensor;
    const context = layers.context.apply([alpha, v]) as tf.SymbolicTensor;
    return layers.output.apply(context) as tf.SymbolicTensor;
  }
}

export const multiHeadAttention = (args: MultiHeadAttentionArgs): MultiHeadAttention => new MultiHeadAttention(args);

/**
 * A second model on the same layers whose output is the attention weights of the multi-head
 * attention named `name`: (batch, heads, Tq, Tk), what a heat map of each head shows.
 */
export function attentionWeightsOf(model: tf.LayersModel, name: string): tf.LayersModel {
  return tf.model({ inputs: model.inputs, outputs: model.getLayer(`${name}_scores`).output as tf.SymbolicTensor, name: `${name}-weights` });
}

/** Plain JavaScript, float64: one position's row of a weight matrix applied, x W + b. */
const project = (x: readonly number[], w: readonly (readonly number[])[], b: readonly number[] | undefined): number[] =>
  w[0]!.map((_, j) => x.reduce((s, xi, i) => s + xi * w[i]![j]!, b?.[j] ?? 0));

/** The weights a reference computation needs: kernels [in × out] and (optional) biases. */
export interface MultiHeadAttentionWeights {
  readonly wq: readonly (readonly number[])[];
  readonly wk: readonly (readonly number[])[];
  readonly wv: readonly (readonly number[])[];
  readonly wo: readonly (readonly number[])[];
  readonly bq?: readonly number[];
  readonly bk?: readonly number[];
  readonly bv?: readonly number[];
  readonly bo?: readonly number[];
}

/**
 * The same computation in plain JavaScript, float64, for one sequence: query (Tq × width) and keyValue
 * (Tk × width) → { weights α[h][i][j], output (Tq × outputDim) }. A reference for tests.
 */
export function multiHeadAttentionReference(
  query: readonly (readonly number[])[],
  keyValue: readonly (readonly number[])[],
  w: MultiHeadAttentionWeights,
  options: { heads: number; causal?: boolean },
): { weights: number[][][]; output: number[][] } {
  const q = query.map((x) => project(x, w.wq, w.bq));
  const k = keyValue.map((x) => project(x, w.wk, w.bk));
  const v = keyValue.map((x) => project(x, w.wv, w.bv));
  const dk = q[0]!.length / options.heads;
  const dv = v[0]!.length / options.heads;
  const weights = Array.from({ length: options.heads }, (_, h) =>
    q.map((qi, i) => {
      const scores = k.map((kj, j) => {
        if (options.causal && j > i) return -Infinity;
        let dot = 0;
        for (let u = h * dk; u < (h + 1) * dk; u++) dot += qi[u]! * kj[u]!;
        return dot / Math.sqrt(dk);
      });
      const top = Math.max(...scores);
      const exps = scores.map((s) => Math.exp(s - top));
      const total = exps.reduce((a, b) => a + b, 0);
      return exps.map((e) => e / total);
    }),
  );
  const context = q.map((_, i) => Array.from({ length: options.heads * dv }, (_, u) => weights[Math.floor(u / dv)]![i]!.reduce((s, a, j) => s + a * v[j]![u]!, 0)));
  return { weights, output: context.map((c) => project(c, w.wo, w.bo)) };
}
