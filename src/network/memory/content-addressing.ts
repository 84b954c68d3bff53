import * as tf from '@tensorflow/tfjs';

/**
 * Content addressing, shared by the Neural Turing Machine and the Differentiable Neural Computer:
 * a head emits a key k and a key strength β; every memory row M[i] is scored by the cosine
 * similarity of k and M[i], scaled by β, and a softmax over the rows turns the scores into a
 * weighting that is ≥ 0 and sums to 1:
 *
 *   w[i] = exp(β · K(k, M[i])) / Σ_j exp(β · K(k, M[j])),   K(u, v) = u·v / (‖u‖ ‖v‖ + ε),
 *   with ‖u‖ = √(Σ u² + NORM_FLOOR), whose gradient is defined at an all-zero vector.
 *
 * β ≥ 0 sharpens (large β picks the best match) or blurs (β = 0 gives the uniform weighting).
 * These are plain tf ops, differentiable, for use inside a layer's `call` (and under tf.tidy).
 */

/** Added to the product of norms, so that an all-zero row or key has similarity 0, not NaN. */
export const COSINE_EPSILON = 1e-6;
/**
 * Added under each norm's square root, ‖u‖ = √(Σ u² + floor): tf.norm's gradient at an all-zero
 * vector is 0/0 = NaN (a key is all zeros when a controller's input and bias are), which poisons
 * every weight in training. 1e-16 moves no norm that matters (‖u‖ ≥ 1e-6 changes by under 1e-4 relative).
 */
export const NORM_FLOOR = 1e-16;
const norm = (x: tf.Tensor, keepDims: boolean) => tf.sqrt(tf.add(tf.sum(tf.square(x), -1, keepDims), NORM_FLOOR));

/**
 * Cosine similarity of each head's key with each memory row.
 * memory [batch, N, M], keys [batch, H, M] → [batch, H, N].
 */
export function cosineSimilarity(memory: tf.Tensor3D, keys: tf.Tensor3D): tf.Tensor3D {
  return tf.tidy(() => {
    const dots = tf.matMul(keys, memory, false, true); // [batch, H, N]
    const keyNorms = norm(keys, true); // [batch, H, 1]
    const rowNorms = tf.expandDims(norm(memory, false), 1); // [batch, 1, N]
    return tf.div(dots, tf.add(tf.mul(keyNorms, rowNorms), COSINE_EPSILON)) as tf.Tensor3D;
  });
}

/**
 * The content weighting of H heads at once: softmax over the N rows of β_h · K(k_h, M[i]).
 * memory [batch, N, M], keys [batch, H, M], strengths β [batch, H] (already ≥ 0, e.g. softplus)
 * → weightings [batch, H, N], each row ≥ 0 and summing to 1.
 */
export function contentWeighting(memory: tf.Tensor3D, keys: tf.Tensor3D, strengths: tf.Tensor2D): tf.Tensor3D {
  return tf.tidy(() => tf.softmax(tf.mul(cosineSimilarity(memory, keys), tf.expandDims(strengths, -1)), -1) as tf.Tensor3D);
}

/** Plain-JavaScript cosine similarity (float64), with the same ε. A reference for tests. */
export function cosineSimilarityReference(u: readonly number[], v: readonly number[]): number {
  const dot = u.reduce((sum, x, i) => sum + x * v[i]!, 0);
  const norm = (w: readonly number[]) => Math.sqrt(w.reduce((sum, x) => sum + x * x, 0) + NORM_FLOOR);
  return dot / (norm(u) * norm(v) + COSINE_EPSILON);
}

/** Plain-JavaScript content weighting of one head over the rows of one memory (float64). A reference for tests. */
export function contentWeightingReference(memory: readonly (readonly number[])[], key: readonly number[], strength: number): number[] {
  const scores = memory.map((row) => strength * cosineSimilarityReference(key, row));
  const top = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - top));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}
