import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { contentWeighting, contentWeightingReference, cosineSimilarity, cosineSimilarityReference } from '../../../src/network/memory/content-addressing';
import { createRandom } from '../../../src/network/numerics/random';

const random = createRandom(17);
const matrix = (rows: number, cols: number) => Array.from({ length: rows }, () => Array.from({ length: cols }, () => random.uniform(-1, 1)));

describe('content addressing', () => {
  const [BATCH, HEADS, N, M] = [2, 3, 5, 4];
  const memory = Array.from({ length: BATCH }, () => matrix(N, M));
  const keys = Array.from({ length: BATCH }, () => matrix(HEADS, M));
  const strengths = Array.from({ length: BATCH }, () => Array.from({ length: HEADS }, () => random.uniform(0, 10)));

  it('scores rows by cosine similarity and weights them by softmax(β·K), as the float64 reference does', () => {
    const [similarity, weighting] = tf.tidy(() => {
      const [mem, k, b] = [tf.tensor3d(memory), tf.tensor3d(keys), tf.tensor2d(strengths)];
      return [cosineSimilarity(mem, k).arraySync(), contentWeighting(mem, k, b).arraySync()];
    });
    for (let s = 0; s < BATCH; s++)
      for (let h = 0; h < HEADS; h++) {
        const expected = contentWeightingReference(memory[s]!, keys[s]![h]!, strengths[s]![h]!);
        expected.forEach((w, i) => {
          expect(similarity[s]![h]![i]!, `K[${s}][${h}][${i}]`).toBeCloseTo(cosineSimilarityReference(keys[s]![h]!, memory[s]![i]!), 5);
          expect(weighting[s]![h]![i]!, `w[${s}][${h}][${i}]`).toBeCloseTo(w, 5);
        });
      }
  });

  it('gives weightings ≥ 0 that sum to 1; β = 0 is uniform, a large β picks the best-matching row', () => {
    const mem = [[1, 0], [0, 1], [0.6, 0.8], [0, 0]];
    const w = tf.tidy(() => contentWeighting(tf.tensor3d([mem]), tf.tensor3d([[[0, 2], [0, 2]]]), tf.tensor2d([[0, 100]])).arraySync()[0]!);
    for (const row of w) {
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      for (const x of row) expect(x).toBeGreaterThanOrEqual(0);
    }
    w[0]!.forEach((x) => expect(x).toBeCloseTo(0.25, 5));
    expect(w[1]![1]).toBeGreaterThan(0.99); // the zero row scores 0, not NaN
  });
});

describe('content addressing gradients', () => {
  it('are finite for an all-zero key and an all-zero memory row (tf.norm’s gradient there is NaN)', () => {
    const grads = tf.tidy(() =>
      tf
        .grads((m: tf.Tensor, k: tf.Tensor, b: tf.Tensor) => contentWeighting(m as tf.Tensor3D, k as tf.Tensor3D, b as tf.Tensor2D).mul(tf.tensor3d([[[1, -2, 3]]])).sum())([
          tf.tensor3d([[[0, 0], [1, 0], [0.5, 0.5]]]),
          tf.tensor3d([[[0, 0]]]),
          tf.tensor2d([[2]]),
        ])
        .map((g) => Array.from(g.dataSync())),
    );
    for (const g of grads) for (const x of g) expect(Number.isFinite(x)).toBe(true);
  });
});
