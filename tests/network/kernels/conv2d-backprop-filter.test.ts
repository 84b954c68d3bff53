import * as tf from '@tensorflow/tfjs';
// Importing the WebAssembly backend makes it tfjs's first choice: each test picks its backend.
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useFastConvolutionGradients, useWasmConvolutionGradients } from '../../../src/network/kernels/conv2d-backprop-filter';
import { createRandom } from '../../../src/network/numerics/random';

interface Case {
  readonly x: readonly [number, number, number, number];
  readonly kernel: number;
  readonly out: number;
  readonly strides: number;
  readonly pad: 'valid' | 'same';
}

const CASES: readonly Case[] = [
  { x: [2, 5, 5, 3], kernel: 3, out: 4, strides: 1, pad: 'same' },
  { x: [2, 7, 6, 2], kernel: 3, out: 3, strides: 2, pad: 'same' },
  { x: [3, 6, 6, 4], kernel: 1, out: 5, strides: 2, pad: 'valid' },
  { x: [1, 9, 9, 3], kernel: 7, out: 2, strides: 2, pad: 'valid' },
];

/** dL/dW for L = Σ dy ⊙ conv(x, W), by the definition of a convolution: a plain-JavaScript reference. */
function reference(c: Case, x: readonly number[], dy: readonly number[], outShape: readonly number[]): number[] {
  const [batch, height, width, inC] = c.x;
  const [, outH, outW] = outShape as [number, number, number, number];
  // tfjs's 'same' puts the odd pixel of padding at the bottom and right.
  const total = (size: number, out: number) => Math.max(0, (out - 1) * c.strides + c.kernel - size);
  const top = c.pad === 'same' ? Math.floor(total(height, outH) / 2) : 0;
  const left = c.pad === 'same' ? Math.floor(total(width, outW) / 2) : 0;
  const dW = new Array<number>(c.kernel * c.kernel * inC * c.out).fill(0);
  for (let b = 0; b < batch; b++)
    for (let yr = 0; yr < outH; yr++)
      for (let yc = 0; yc < outW; yc++)
        for (let r = 0; r < c.kernel; r++)
          for (let s = 0; s < c.kernel; s++) {
            const xr = yr * c.strides + r - top;
            const xc = yc * c.strides + s - left;
            if (xr < 0 || xr >= height || xc < 0 || xc >= width) continue;
            for (let i = 0; i < inC; i++)
              for (let o = 0; o < c.out; o++)
                dW[((r * c.kernel + s) * inC + i) * c.out + o]! += x[((b * height + xr) * width + xc) * inC + i]! * dy[((b * outH + yr) * outW + yc) * c.out + o]!;
          }
  return dW;
}

/** The kernel gradient tfjs computes with whichever Conv2DBackpropFilter kernel is registered. */
function kernelGradient(c: Case, x: tf.Tensor4D, dy: tf.Tensor4D, w: tf.Tensor4D): number[] {
  return tf.tidy(() => Array.from(tf.grad((kernel) => tf.conv2d(x, kernel as tf.Tensor4D, c.strides, c.pad).mul(dy).sum())(w).dataSync()));
}

describe('Conv2DBackpropFilter on flat arrays', () => {
  beforeAll(() => tf.setBackend('cpu'));

  it('gives the kernel gradient of tfjs’s own kernel and of the definition, for strides, padding and kernel sizes', () => {
    const random = createRandom(11);
    const values = (n: number) => Array.from({ length: n }, () => (random.uniform(0, 1) < 0.3 ? 0 : random.uniform(-1, 1)));
    const inputs = CASES.map((c) => {
      const x = tf.tensor4d(values(c.x.reduce((a, b) => a * b, 1)), [...c.x]);
      const w = tf.tensor4d(values(c.kernel * c.kernel * c.x[3] * c.out), [c.kernel, c.kernel, c.x[3], c.out]);
      const outShape = tf.tidy(() => tf.conv2d(x, w, c.strides, c.pad).shape);
      const dy = tf.tensor4d(values(outShape.reduce((a, b) => a * b, 1)), outShape);
      return { c, x, w, dy };
    });
    const before = inputs.map(({ c, x, w, dy }) => kernelGradient(c, x, dy, w));
    const tfjs = tf.getKernel('Conv2DBackpropFilter', 'cpu')!.kernelFunc;
    useFastConvolutionGradients();
    const ours = tf.getKernel('Conv2DBackpropFilter', 'cpu')!.kernelFunc;
    expect(ours).not.toBe(tfjs);
    useFastConvolutionGradients();
    expect(tf.getKernel('Conv2DBackpropFilter', 'cpu')!.kernelFunc, 'a second call changes nothing').toBe(ours);
    inputs.forEach(({ c, x, w, dy }, n) => {
      const fast = kernelGradient(c, x, dy, w);
      const plain = reference(c, Array.from(x.dataSync()), Array.from(dy.dataSync()), dy.shape);
      expect(fast.length).toBe(plain.length);
      fast.forEach((v, k) => {
        expect(v, `case ${n}, tap ${k}`).toBeCloseTo(plain[k]!, 5);
        expect(v, `case ${n}, tap ${k}, tfjs's kernel`).toBeCloseTo(before[n]![k]!, 5);
      });
      tf.dispose([x, w, dy]);
    });
  });

  it('gives the kernel gradient of the definition on the WebAssembly backend, which has no such kernel of its own', async () => {
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm'), 'tfjs-backend-wasm has none').toBeUndefined();
    useWasmConvolutionGradients();
    await tf.setBackend('wasm');
    try {
      const random = createRandom(12);
      const values = (n: number) => Array.from({ length: n }, () => random.uniform(-1, 1));
      CASES.forEach((c, n) => {
        const x = tf.tensor4d(values(c.x.reduce((a, b) => a * b, 1)), [...c.x]);
        const w = tf.tensor4d(values(c.kernel * c.kernel * c.x[3] * c.out), [c.kernel, c.kernel, c.x[3], c.out]);
        const dy = tf.tidy(() => tf.onesLike(tf.conv2d(x, w, c.strides, c.pad)).mul(0.5)) as tf.Tensor4D;
        const plain = reference(c, Array.from(x.dataSync()), Array.from(dy.dataSync()), dy.shape);
        kernelGradient(c, x, dy, w).forEach((v, k) => expect(v, `case ${n}, tap ${k}`).toBeCloseTo(plain[k]!, 4));
        tf.dispose([x, w, dy]);
      });
    } finally {
      await tf.setBackend('cpu');
    }
  });
});
