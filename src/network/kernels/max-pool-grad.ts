import * as tf from '@tensorflow/tfjs';
import { replaceCpuKernel, type KernelFunc } from './replace-cpu-kernel';

type TypedArray = Float32Array | Int32Array | Uint8Array;

interface CpuBackend {
  data: { get(dataId: object): { values: TypedArray } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: TypedArray): tf.TensorInfo;
}

interface Attributes {
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: 'valid' | 'same' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/**
 * The gradient of a 2-D max pooling, on flat arrays: each window's incoming gradient goes to the
 * input its maximum came from (the first of equal maxima, in row-major order within the window, as
 * tfjs picks it), summed where overlapping windows share a maximum. tfjs-backend-cpu 4.22 finds the
 * same positions and sums through `TensorBuffer.get` with rest arguments, one call per window tap of
 * every input: training AlexNet's small demo network spent a third of each step there. Sums in double
 * precision, as tfjs's kernel does, so the gradients are the same numbers.
 */
function maxPoolGradNhwc(x: tf.TensorInfo, dy: tf.TensorInfo, backend: CpuBackend, info: tf.backend_util.Conv2DInfo): tf.TensorInfo {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const xs = backend.data.get(x.dataId).values;
  const dys = backend.data.get(dy.dataId).values;
  const sums = new Float64Array(xs.length);
  for (let b = 0; b < batchSize; b++)
    for (let yr = 0; yr < outHeight; yr++) {
      const rFrom = Math.max(0, yr * strideHeight - top);
      const rTo = Math.min(inHeight, yr * strideHeight - top + filterHeight);
      for (let yc = 0; yc < outWidth; yc++) {
        const cFrom = Math.max(0, yc * strideWidth - left);
        const cTo = Math.min(inWidth, yc * strideWidth - left + filterWidth);
        const dyAt = ((b * outHeight + yr) * outWidth + yc) * inChannels;
        for (let d = 0; d < inChannels; d++) {
          let best = Number.NEGATIVE_INFINITY;
          let at = -1;
          for (let r = rFrom; r < rTo; r++)
            for (let c = cFrom; c < cTo; c++) {
              const k = ((b * inHeight + r) * inWidth + c) * inChannels + d;
              if (xs[k]! > best) {
                best = xs[k]!;
                at = k;
              }
            }
          if (at >= 0) sums[at]! += dys[dyAt + d]!;
        }
      }
    }
  return backend.makeTensorInfo(x.shape, 'float32', Float32Array.from(sums));
}

/**
 * Replaces tfjs's CPU kernel for MaxPoolGrad with `maxPoolGradNhwc` (dilated pooling and other
 * dtypes still go to tfjs's own), once per JavaScript realm. The gradients equal tfjs's
 * (tests/network/kernels/max-pool-grad.test.ts).
 */
export function useFastMaxPoolGradients(): void {
  replaceCpuKernel('MaxPoolGrad', (original): KernelFunc => (args) => {
    const { dy, input } = args.inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
    const attrs = args.attrs as unknown as Attributes;
    if (input.dtype !== 'float32' || dy.dtype !== 'float32') return original(args);
    const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
    return maxPoolGradNhwc(input, dy, args.backend as unknown as CpuBackend, info);
  });
}
