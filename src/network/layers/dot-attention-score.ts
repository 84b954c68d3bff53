import * as tf from '@tensorflow/tfjs';

const shapeOf = (shapes: tf.Shape | tf.Shape[], k: number): tf.Shape => {
  if (!Array.isArray(shapes[0])) throw new Error(`DotAttentionScore: expected two inputs [queries, keys], but got one of shape [${shapes.join(', ')}]`);
  const shape = (shapes as tf.Shape[])[k];
  if (!shape || shape.length !== 3) throw new Error(`DotAttentionScore: expected input ${k} to be [batch, steps, features], but got [${shape?.join(', ')}]`);
  return shape;
};

/**
 * A dot-product score, with its softmax: e_ts = h_t · k_s, the query h_t of target step t (the decoder's
 * state) against the key k_s of every source position s, turned into attention weights
 * α_ts = exp(e_ts) / Σ_s' exp(e_ts'). Each row of α sums to 1. With the encoder states as keys this is
 * Luong's "dot" score; with keys k_s = W_a h̄_s from a Dense layer, his "general" score h_tᵀ W_a h̄_s.
 *
 * Inputs: [queries (batch, T, D), keys (batch, S, D)]. Output: α (batch, T, S). No weight of its own:
 * a query and a key that point the same way score high.
 */
export class DotAttentionScore extends tf.layers.Layer {
  static readonly className = 'DotAttentionScore';

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const queries = shapeOf(inputShape, 0).at(-1);
    const keys = shapeOf(inputShape, 1).at(-1);
    if (typeof queries !== 'number' || queries !== keys)
      throw new Error(`DotAttentionScore: expected queries and keys of one fixed size, but got ${queries} and ${keys}`);
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      if (!Array.isArray(inputs) || inputs.length !== 2) throw new Error('DotAttentionScore: expected two inputs [queries, keys]');
      const [queries, keys] = inputs as [tf.Tensor3D, tf.Tensor3D];
      return tf.softmax(tf.matMul(queries, keys, false, true), -1);
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [batch, steps] = shapeOf(inputShape, 0);
    return [batch ?? null, steps ?? null, shapeOf(inputShape, 1)[1] ?? null];
  }
}
tf.serialization.registerClass(DotAttentionScore);

export const dotAttentionScore = (name: string): DotAttentionScore => new DotAttentionScore({ name });

/** The same function in plain JavaScript, float64: α_ts = softmax_s(Σ_i h_t[i] k_s[i]). A reference for tests. */
export function dotAttentionScoreReference(queries: readonly (readonly number[])[], keys: readonly (readonly number[])[]): number[][] {
  return queries.map((q) => {
    const scores = keys.map((k) => k.reduce((sum, kk, i) => sum + kk * q[i]!, 0));
    const top = Math.max(...scores);
    const exps = scores.map((e) => Math.exp(e - top));
    const total = exps.reduce((a, b) => a + b, 0);
    return exps.map((e) => e / total);
  });
}
