import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { useFastBiasKernels } from '../../../src/network/kernels/bias';
import { createRandom } from '../../../src/network/numerics/random';

/** Values over six orders of magnitude, so that the order of a sum's terms would show in its float32 result. */
const tensorsFrom = (seed: number) => {
  const random = createRandom(seed);
  return (shape: number[]) => tf.tensor(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => random.normal() * 10 ** Math.floor(random.next() * 6 - 3)), shape);
};

/** Additions the fast kernel takes (a bias, a scalar, equal shapes) and ones it hands back (b larger, a middle axis). */
const ADDS: readonly (readonly [number[], number[]])[] = [
  [[25, 6, 6, 16], [16]],
  [[25, 6, 6, 16], [1, 1, 1, 16]],
  [[25, 8, 8, 1], [1, 1, 1, 1]],
  [[4, 4, 1, 16], []],
  [[25, 64], [25, 64]],
  [[16], [25, 16]],
  [[3, 4, 5], [4, 1]],
];
/** Sums it takes (leading axes, with and without keepDims) and ones it hands back (inner, all, middle axes). */
const SUMS: readonly (readonly [number[], number | number[], boolean])[] = [
  [[25, 6, 6, 16], [0, 1, 2], false],
  [[25, 8, 8, 1], [2, 0, 1], true],
  [[25, 144], 0, false],
  [[25, 144], -1, false],
  [[7, 5, 3], [0, 1, 2], false],
  [[7, 5, 3], [1], true],
];

const run = () => {
  const tensor = tensorsFrom(5);
  return [
  ...ADDS.map(([a, b]) => tf.tidy(() => tf.add(tensor(a), tensor(b)))),
  ...SUMS.map(([shape, axis, keepDims]) => tf.tidy(() => tf.sum(tensor(shape), axis, keepDims))),
  ];
};

describe('the fast CPU kernels for a bias (Add of a repeated block, Sum over leading axes)', () => {
  it('give exactly tfjs’s own results, shapes included, where they apply and where they hand back', () => {
    const before = run();
    const original = [tf.getKernel('Add', 'cpu')!.kernelFunc, tf.getKernel('Sum', 'cpu')!.kernelFunc];
    useFastBiasKernels();
    expect(tf.getKernel('Add', 'cpu')!.kernelFunc).not.toBe(original[0]);
    expect(tf.getKernel('Sum', 'cpu')!.kernelFunc).not.toBe(original[1]);
    const after = run();
    after.forEach((t, k) => {
      expect(t.shape, `case ${k}`).toEqual(before[k]!.shape);
      expect(Array.from(t.dataSync()), `case ${k}`).toEqual(Array.from(before[k]!.dataSync()));
    });
    tf.dispose([...before, ...after]);
  });
});
