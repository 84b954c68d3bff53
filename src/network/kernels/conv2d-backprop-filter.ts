import * as tf from '@tensorflow/tfjs';
import { replaceCpuKernel, type CpuBackend, type KernelFunc, type TypedArray } from './cpu-kernel';

interface Attributes {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

/**
 * The gradient of a 2-D convolution's loss with respect to its kernel, dW[r, c, i, o] = Σ over
 * batch and output positions of x[b, y·s + r − pad, x·s + c − pad, i] · dy[b, y, x, o], computed on
 * flat arrays. tfjs-backend-cpu 4.22 computes the same sums through `TensorBuffer.get` with rest
 * arguments, one call per term: training a small ResNet spent two thirds of each step there.
 * Channels-last only (the layers' default); sums in double precision, as tfjs's kernel does.
 */
function conv2dBackpropFilterNhwc(xs: TypedArray, dys: TypedArray, info: tf.backend_util.Conv2DInfo): Float32Array {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const sums = new Float64Array(filterHeight * filterWidth * inChannels * outChannels);
  for (let b = 0; b < batchSize; b++)
    for (let yr = 0; yr < outHeight; yr++)
      for (let yc = 0; yc < outWidth; yc++) {
        const dyAt = ((b * outHeight + yr) * outWidth + yc) * outChannels;
        for (let r = 0; r < filterHeight; r++) {
          const xr = yr * strideHeight + r - top;
          if (xr < 0 || xr >= inHeight) continue;
          for (let c = 0; c < filterWidth; c++) {
            const xc = yc * strideWidth + c - left;
            if (xc < 0 || xc >= inWidth) continue;
            const xAt = ((b * inHeight + xr) * inWidth + xc) * inChannels;
            const wAt = (r * filterWidth + c) * inChannels * outChannels;
            for (let i = 0; i < inChannels; i++) {
              const value = xs[xAt + i]!;
              if (value === 0) continue;
              const row = wAt + i * outChannels;
              for (let o = 0; o < outChannels; o++) sums[row + o]! += value * dys[dyAt + o]!;
            }
          }
        }
      }
  return Float32Array.from(sums);
}

/** The layer's attributes as tfjs's convolution arithmetic wants them. */
const conv2dInfo = (x: tf.TensorInfo, attrs: Attributes) =>
  tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);

/**
 * Replaces tfjs's CPU kernel for Conv2DBackpropFilter with `conv2dBackpropFilterNhwc` (channels-first
 * inputs still go to tfjs's own), once per JavaScript realm; the WebAssembly backend has no such
 * kernel at all, so convolution training runs on the CPU backend. The results agree with tfjs's
 * kernel to float32 rounding (tests/network/kernels/conv2d-backprop-filter.test.ts).
 */
export function useFastConvolutionGradients(): void {
  replaceCpuKernel('Conv2DBackpropFilter', (original): KernelFunc => (args) => {
    const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
    const attrs = args.attrs as unknown as Attributes;
    if (attrs.dataFormat === 'NCHW' || x.dtype !== 'float32' || dy.dtype !== 'float32') return original(args);
    const backend = args.backend as unknown as CpuBackend;
    const info = conv2dInfo(x, attrs);
    return backend.makeTensorInfo(info.filterShape, 'float32', conv2dBackpropFilterNhwc(backend.data.get(x.dataId).values, backend.data.get(dy.dataId).values, info));
  });
}

/** The part of tfjs-backend-wasm's backend a kernel written in JavaScript uses (as its own Slice does). */
interface WasmBackend {
  readSync(dataId: object): TypedArray;
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): TypedArray;
}

/**
 * Registers `conv2dBackpropFilterNhwc` as the WebAssembly backend's Conv2DBackpropFilter, which
 * tfjs-backend-wasm 4.22 lacks (training a convolution there fails without it). It runs in
 * JavaScript on the backend's own memory; every other kernel of a training step stays WebAssembly.
 * Channels-last only. Once per JavaScript realm.
 */
export function useWasmConvolutionGradients(): void {
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm')) return;
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
      const attrs = args.attrs as unknown as Attributes;
      if (attrs.dataFormat === 'NCHW') throw new Error('Conv2DBackpropFilter on WebAssembly: expected channels-last (NHWC) data, but got NCHW');
      const backend = args.backend as unknown as WasmBackend;
      const info = conv2dInfo(x, attrs);
      const out = backend.makeOutput(info.filterShape, 'float32');
      backend.typedArrayFromHeap(out).set(conv2dBackpropFilterNhwc(backend.readSync(x.dataId), backend.readSync(dy.dataId), info));
      return out;
    },
  });
}
