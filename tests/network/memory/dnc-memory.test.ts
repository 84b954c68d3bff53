import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  allocation,
  allocationReference,
  backwardReference,
  directional,
  forwardReference,
  links,
  linksReference,
  precedence,
  precedenceReference,
  readVectorReference,
  readVectors,
  readWeighting,
  readWeightingReference,
  retention,
  retentionReference,
  usage,
  usageReference,
  writeMemory,
  writeMemoryReference,
  writeWeighting,
  writeWeightingReference,
} from '../../../src/network/memory/dnc-memory';
import { createRandom } from '../../../src/network/numerics/random';

const N = 5;
const W = 3;
const R = 2;
const random = createRandom(7);
const vector = (n: number) => Array.from({ length: n }, () => random.next());
const weighting = (n: number) => {
  const v = vector(n);
  const total = v.reduce((a, b) => a + b, 0) * 1.25;
  return v.map((x) => x / total);
};
const matrix = (rows: number, cols: number) => Array.from({ length: rows }, () => vector(cols));
const close = (actual: tf.Tensor, expected: unknown) => {
  const got = actual.arraySync() as number[];
  expect((got as unknown[]).flat(3).length).toBe(([expected] as unknown[]).flat(4).length);
  ([got].flat(4) as number[]).forEach((g, i) => expect(g).toBeCloseTo(([expected].flat(4) as number[])[i]!, 5));
};

describe('DNC memory ops (tf) against the float64 references', () => {
  const u0 = vector(N);
  const wPrev = weighting(N);
  const readPrev = [weighting(N), weighting(N)];
  const free = vector(R);
  const memory0 = matrix(N, W);
  const link0 = linksReference(matrix(N, N), weighting(N), weighting(N));
  const p0 = weighting(N);

  it('retention, usage and allocation', () => {
    const psi = retentionReference(free, readPrev);
    close(retention(tf.tensor2d([free]), tf.tensor3d([readPrev])), [psi]);
    const u = usageReference(u0, wPrev, psi);
    close(usage(tf.tensor2d([u0]), tf.tensor2d([wPrev]), tf.tensor2d([psi])), [u]);
    close(allocation(tf.tensor2d([u, [0.5, 0.1, 0.9, 0.1, 0]])), [allocationReference(u), allocationReference([0.5, 0.1, 0.9, 0.1, 0])]);
  });

  it('allocation hands the free space out least used first, and sums to at most 1', () => {
    const a = allocationReference([1, 0, 1, 1, 1]);
    expect(a).toEqual([0, 1, 0, 0, 0]);
    const b = allocationReference([0.9, 0.2, 0.5, 0.99, 0.7]);
    expect(b.indexOf(Math.max(...b))).toBe(1);
    expect(b.reduce((x, y) => x + y, 0)).toBeLessThanOrEqual(1);
    expect(Math.min(...b)).toBeGreaterThanOrEqual(0);
  });

  it('allocation has a gradient through the sorted usage (not through the sort)', () => {
    const g = tf.grad((u: tf.Tensor) => allocation(u as tf.Tensor2D).sum())(tf.tensor2d([[0.3, 0.6, 0.1]]));
    expect((g.arraySync() as number[][])[0]!.some((x) => x !== 0)).toBe(true);
  });

  it('write weighting, memory write, precedence and links', () => {
    const content = weighting(N);
    const a = allocationReference(u0);
    const ww = writeWeightingReference(a, content, 0.7, 0.9);
    close(writeWeighting(tf.tensor2d([a]), tf.tensor2d([content]), tf.tensor2d([[0.7]]), tf.tensor2d([[0.9]])), [ww]);
    const erase = vector(W);
    const v = vector(W).map((x) => 2 * x - 1);
    close(writeMemory(tf.tensor3d([memory0]), tf.tensor2d([ww]), tf.tensor2d([erase]), tf.tensor2d([v])), [writeMemoryReference(memory0, ww, erase, v)]);
    close(precedence(tf.tensor2d([p0]), tf.tensor2d([ww])), [precedenceReference(p0, ww)]);
    const l = linksReference(link0, ww, p0);
    close(links(tf.tensor3d([link0]), tf.tensor2d([ww]), tf.tensor2d([p0])), [l]);
    l.forEach((row, i) => expect(row[i]).toBe(0));
  });

  it('forward and backward weightings, read modes and read vectors', () => {
    const { forward, backward } = directional(tf.tensor3d([link0]), tf.tensor3d([readPrev]));
    close(forward, [readPrev.map((w) => forwardReference(link0, w))]);
    close(backward, [readPrev.map((w) => backwardReference(link0, w))]);
    const content = [weighting(N), weighting(N)];
    const modes = [
      [0.2, 0.5, 0.3],
      [0.6, 0.1, 0.3],
    ];
    const f = readPrev.map((w) => forwardReference(link0, w));
    const b = readPrev.map((w) => backwardReference(link0, w));
    const wr = content.map((c, r) => readWeightingReference(b[r]!, c, f[r]!, modes[r]!));
    close(readWeighting(tf.tensor3d([b]), tf.tensor3d([content]), tf.tensor3d([f]), tf.tensor3d([modes])), [wr]);
    close(readVectors(tf.tensor3d([memory0]), tf.tensor3d([wr])), [wr.map((w) => readVectorReference(memory0, w))]);
  });
});
