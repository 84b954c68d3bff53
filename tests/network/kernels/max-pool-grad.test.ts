import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { useFastMaxPoolGradients } from '../../../src/network/kernels/max-pool-grad';
import { createRandom } from '../../../src/network/numerics/random';

interface Case {
  readonly x: readonly [number, number, number, number];
  readonly pool: number;
  readonly strides: number;
  readonly pad: 'valid' | 'same';
}

/** Non-overlapping, overlapping, padded and uneven windows; pixels drawn from few values, so maxima tie. */
const CASES: readonly Case[] = [
  { x: [2, 6, 6, 3], pool: 2, strides: 2, pad: 'valid' },
  { x: [2, 7, 5, 2], pool: 3, strides: 1, pad: 'same' },
  { x: [3, 7, 7, 4], pool: 3, strides: 2, pad: 'valid' },
  { x: [1, 5, 8, 3], pool: 2, strides: 2, pad: 'same' },
];

/** The gradient of Σ dy ⊙ maxPool(x) with respect to x, through whichever MaxPoolGrad kernel is installed. */
function gradient(c: Case, x: tf.Tensor4D, dy: tf.Tensor4D): Float32Array {
  return tf.tidy(() => tf.grad((input: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(input as tf.Tensor4D, c.pool, c.strides, c.pad), dy)))(x).dataSync() as Float32Array);
}

describe('the fast MaxPoolGrad CPU kernel', () => {
  it('gives exactly the gradients of tfjs’s own kernel, ties and overlapping windows included, and installs once', () => {
    const random = createRandom(11);
    const inputs = CASES.map((c) => {
      const x = tf.tensor4d(Array.from({ length: c.x.reduce((a, b) => a * b, 1) }, () => Math.floor(random.next() * 4) / 4), [...c.x]);
      const outShape = tf.tidy(() => tf.maxPool(x, c.pool, c.strides, c.pad).shape);
      const dy = tf.tensor4d(Array.from({ length: outShape.reduce((a, b) => a * b, 1) }, () => random.normal()), outShape);
      return { c, x, dy };
    });
    const before = tf.getBackend() === 'cpu' ? inputs.map(({ c, x, dy }) => gradient(c, x, dy)) : [];
    expect(before).toHaveLength(CASES.length);
    const original = tf.getKernel('MaxPoolGrad', 'cpu')!.kernelFunc;
    useFastMaxPoolGradients();
    const installed = tf.getKernel('MaxPoolGrad', 'cpu')!.kernelFunc;
    useFastMaxPoolGradients();
    expect(installed).not.toBe(original);
    expect(tf.getKernel('MaxPoolGrad', 'cpu')!.kernelFunc).toBe(installed);
    inputs.forEach(({ c, x, dy }, k) => expect(Array.from(gradient(c, x, dy)), JSON.stringify(c)).toEqual(Array.from(before[k]!)));
    tf.dispose(inputs.flatMap(({ x, dy }) => [x, dy]));
  });
});
