import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { useFastTileGradient } from '../../../src/network/kernels/tile-gradient';

/** ∂(Σ w ⊙ tile(x, reps))/∂x, with w fixed random weights so every copy's share differs. */
function tileGradientOf(x: tf.Tensor, reps: number[]): Float32Array {
  return tf.tidy(() => {
    const w = tf.randomNormal(x.shape.map((n, a) => n * reps[a]!), 0, 1, 'float32', 11);
    return tf.grad((input: tf.Tensor) => tf.sum(tf.mul(tf.tile(input, reps), w)))(x).dataSync() as Float32Array;
  });
}

describe('the fast gradient of Tile', () => {
  it('gives what tfjs’s own gradient gives, for ranks 1 to 4, in two operations instead of a slice per copy', async () => {
    const cases: [number[], number[]][] = [
      [[3], [4]],
      [[2, 3], [3, 1]],
      [[1, 1, 4], [5, 3, 1]],
      [[2, 1, 2, 3], [2, 4, 1, 2]],
    ];
    const xs = cases.map(([shape], i) => tf.randomNormal(shape, 0, 1, 'float32', i + 1));
    const before = cases.map(([, reps], i) => tileGradientOf(xs[i]!, reps));
    const slices = (info: Awaited<ReturnType<typeof tf.profile>>) => info.kernels.filter((k) => k.name === 'Slice').length;
    // One slice of dy per copy: 5 × 3 × 1.
    expect(slices(await tf.profile(() => tileGradientOf(xs[2]!, cases[2]![1])))).toBe(15);
    useFastTileGradient();
    useFastTileGradient();
    cases.forEach(([shape, reps], i) => {
      const after = tileGradientOf(xs[i]!, reps);
      Array.from(after).forEach((v, k) => expect(v, `shape [${shape.join(', ')}], reps [${reps.join(', ')}], entry ${k}`).toBeCloseTo(before[i]![k]!, 5));
    });
    expect(slices(await tf.profile(() => tileGradientOf(xs[2]!, cases[2]![1])))).toBe(0);
    tf.dispose(xs);
  });
});
