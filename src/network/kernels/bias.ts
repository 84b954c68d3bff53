import * as tf from '@tensorflow/tfjs';
import { replaceCpuKernel, type CpuBackend } from './cpu-kernel';

/**
 * The two operations a layer's bias costs in training, on flat arrays: adding a bias (a tensor that
 * repeats along the leading axes, e.g. [16] onto [25, 6, 6, 16], or a scalar) and, for its gradient,
 * summing over the leading axes. tfjs-backend-cpu 4.22 does the first through an index conversion per
 * element and the second by transposing first: DC-IGN's convolution bias alone took half of a
 * training step. The results are the same numbers: each output is the same float32 sum (in double
 * precision, as tfjs's kernels do), its terms added in the same order.
 */

/** The size of the repeated block when `b` repeats along `a`'s leading axes (b's shape, leading 1s aside, ends a's), else undefined. */
function repeatedBlock(a: readonly number[], b: readonly number[]): number | undefined {
  const inner = b.slice(b.findIndex((d) => d !== 1) === -1 ? b.length : b.findIndex((d) => d !== 1));
  if (b.length > a.length || inner.length > a.length) return undefined;
  const tail = a.slice(a.length - inner.length);
  return inner.every((d, k) => d === tail[k]) ? inner.reduce((p, d) => p * d, 1) : undefined;
}

function addRepeated(a: tf.TensorInfo, b: tf.TensorInfo, block: number, backend: CpuBackend): tf.TensorInfo {
  const as = backend.data.get(a.dataId).values;
  const bs = backend.data.get(b.dataId).values;
  const out = new Float32Array(as.length);
  for (let start = 0; start < as.length; start += block) for (let k = 0; k < block; k++) out[start + k] = as[start + k]! + bs[k]!;
  return backend.makeTensorInfo(a.shape.slice(), 'float32', out);
}

/** The axes of `axis` (negative counted from the end), sorted, if they are 0, 1, …, r − 1 for some r < rank. */
function leadingAxes(axis: number | number[] | null, rank: number): number[] | undefined {
  if (axis === null || axis === undefined) return undefined;
  const axes = [...new Set((Array.isArray(axis) ? axis : [axis]).map((a) => (a < 0 ? a + rank : a)))].sort((x, y) => x - y);
  return axes.length > 0 && axes.length < rank && axes.every((a, k) => a === k) ? axes : undefined;
}

function sumLeading(x: tf.TensorInfo, axes: readonly number[], keepDims: boolean, backend: CpuBackend): tf.TensorInfo {
  const xs = backend.data.get(x.dataId).values;
  const block = x.shape.slice(axes.length).reduce((p, d) => p * d, 1);
  const sums = new Float64Array(block);
  for (let start = 0; start < xs.length; start += block) for (let k = 0; k < block; k++) sums[k]! += xs[start + k]!;
  const shape = keepDims ? x.shape.map((d, k) => (k < axes.length ? 1 : d)) : x.shape.slice(axes.length);
  return backend.makeTensorInfo(shape, 'float32', Float32Array.from(sums));
}

/** Replaces tfjs's CPU kernels for Add and Sum in the cases above (tests/network/kernels/bias.test.ts); others go to tfjs's own. */
export function useFastBiasKernels(): void {
  replaceCpuKernel('Add', (original) => (args) => {
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    if (a.dtype !== 'float32' || b.dtype !== 'float32') return original(args);
    const block = repeatedBlock(a.shape, b.shape);
    return block === undefined ? original(args) : addRepeated(a, b, block, args.backend as unknown as CpuBackend);
  });
  replaceCpuKernel('Sum', (original) => (args) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    const { axis, keepDims } = args.attrs as unknown as { axis: number | number[] | null; keepDims: boolean };
    const axes = x.dtype === 'float32' ? leadingAxes(axis, x.shape.length) : undefined;
    return axes === undefined ? original(args) : sumLeading(x, axes, keepDims, args.backend as unknown as CpuBackend);
  });
}
