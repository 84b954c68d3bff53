import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { useFastMaxPoolGradients } from '../../../src/network/kernels/max-pool-grad';
import { createRandom } from '../../../src/network/numerics/random';

interface Case {
  readonly x: readonly [number, number, number, number];
  readonly size: number;
  readonly strides: number;
  readonly pad: 'valid' | 'same';
}

const CASES: readonly Case[] = [
  { x: [2, 8, 8, 3], size: 3, strides: 2, pad: 'same' },
  { x: [2, 4, 4, 5], size: 3, strides: 2, pad: 'same' },
  { x: [1, 7, 6, 2], size: 2, strides: 2, pad: 'valid' },
  { x: [3, 9, 9, 2], size: 3, strides: 2, pad: 'valid' },
  { x: [2, 5, 5, 4], size: 3, strides: 1, pad: 'same' },
];

/** The input gradient tfjs computes with whichever MaxPoolGrad kernel is registered. */
const inputGradient = (c: Case, x: tf.Tensor4D, dy: tf.Tensor4D): Float32Array =>
  tf.tidy(() => tf.grad((input) => tf.maxPool(input as tf.Tensor4D, c.size, c.strides, c.pad).mul(dy).sum())(x).dataSync() as Float32Array);

describe('MaxPoolGrad on flat arrays', () => {
  it('gives exactly the gradient of tfjs’s own kernel, with overlapping windows, padding and tied maxima', () => {
    const random = createRandom(5);
    // Values on a coarse grid, so that windows often hold equal maxima (ReLU zeros, too).
    const values = (n: number) => Array.from({ length: n }, () => (random.uniform(0, 1) < 0.3 ? 0 : Math.round(random.uniform(-4, 4)) / 4));
    const inputs = CASES.map((c) => {
      const x = tf.tensor4d(values(c.x.reduce((a, b) => a * b, 1)), [...c.x]);
      const outShape = tf.tidy(() => tf.maxPool(x, c.size, c.strides, c.pad).shape);
      const dy = tf.tensor4d(Array.from({ length: outShape.reduce((a, b) => a * b, 1) }, () => random.uniform(-1, 1)), outShape);
      return { c, x, dy };
    });
    const before = inputs.map(({ c, x, dy }) => inputGradient(c, x, dy));
    const tfjs = tf.getKernel('MaxPoolGrad', 'cpu')!.kernelFunc;
    useFastMaxPoolGradients();
    const ours = tf.getKernel('MaxPoolGrad', 'cpu')!.kernelFunc;
    expect(ours).not.toBe(tfjs);
    useFastMaxPoolGradients();
    expect(tf.getKernel('MaxPoolGrad', 'cpu')!.kernelFunc, 'a second call changes nothing').toBe(ours);
    inputs.forEach(({ c, x, dy }, n) => {
      expect(Array.from(inputGradient(c, x, dy)), `case ${n}`).toEqual(Array.from(before[n]!));
      expect(before[n]!.some((v) => v !== 0), `case ${n} has gradient to route`).toBe(true);
      tf.dispose([x, dy]);
    });
  });
});
