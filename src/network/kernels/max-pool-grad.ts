import * as tf from '@tensorflow/tfjs';
import { replaceCpuKernel, type CpuBackend } from './cpu-kernel';

interface Attributes {
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: 'valid' | 'same' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/**
 * The gradient of 2-D max pooling: each window passes its output's gradient to the input where its
 * maximum was (the first of equal maxima in reading order, as tfjs picks it), summed where windows
 * overlap, in the order of the windows. The same sums as tfjs-backend-cpu 4.22's kernel, which
 * reaches every term through `TensorBuffer.get` with rest arguments: DC-IGN's demo spent half of each
 * training step there. Channels-last (the layers' default).
 */
function maxPoolGradNhwc(x: tf.TensorInfo, dy: tf.TensorInfo, backend: CpuBackend, info: tf.backend_util.Conv2DInfo): tf.TensorInfo {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const xs = backend.data.get(x.dataId).values;
  const dys = backend.data.get(dy.dataId).values;
  const sums = new Float64Array(xs.length);
  for (let b = 0; b < batchSize; b++)
    for (let yr = 0; yr < outHeight; yr++)
      for (let yc = 0; yc < outWidth; yc++)
        for (let d = 0; d < inChannels; d++) {
          let best = Number.NEGATIVE_INFINITY;
          let at = -1;
          for (let r = 0; r < filterHeight; r++) {
            const xr = yr * strideHeight + r - top;
            if (xr < 0 || xr >= inHeight) continue;
            for (let c = 0; c < filterWidth; c++) {
              const xc = yc * strideWidth + c - left;
              if (xc < 0 || xc >= inWidth) continue;
              const index = ((b * inHeight + xr) * inWidth + xc) * inChannels + d;
              if (xs[index]! > best) {
                best = xs[index]!;
                at = index;
              }
            }
          }
          if (at >= 0) sums[at]! += dys[((b * outHeight + yr) * outWidth + yc) * inChannels + d]!;
        }
  return backend.makeTensorInfo(x.shape.slice(), 'float32', Float32Array.from(sums));
}

/**
 * Replaces tfjs's CPU kernel for MaxPoolGrad with `maxPoolGradNhwc`, once per JavaScript realm.
 * The results equal tfjs's kernel's (tests/network/kernels/max-pool-grad.test.ts).
 */
export function useFastMaxPoolGradients(): void {
  replaceCpuKernel('MaxPoolGrad', (original) => (args) => {
    const { dy, input } = args.inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
    if (input.dtype !== 'float32' || dy.dtype !== 'float32') return original(args);
    const attrs = args.attrs as unknown as Attributes;
    const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
    return maxPoolGradNhwc(input, dy, args.backend as unknown as CpuBackend, info);
  });
}
