import * as tf from '@tensorflow/tfjs';

export type KernelFunc = tf.KernelConfig['kernelFunc'];
export type TypedArray = Float32Array | Int32Array | Uint8Array;

/** The part of tfjs's CPU backend a kernel written here uses: its tensors' values, and making one. */
export interface CpuBackend {
  data: { get(dataId: object): { values: TypedArray } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: TypedArray): tf.TensorInfo;
}

/** Marks a kernel function installed by `replaceCpuKernel`, so that installing twice is a no-op. */
const INSTALLED = Symbol('installed by replaceCpuKernel');

/**
 * Puts `faster(original)` in place of tfjs's CPU kernel `name`, once per JavaScript realm; `faster`
 * gets tfjs's own kernel, to hand it the cases it does not cover.
 */
export function replaceCpuKernel(name: string, faster: (original: KernelFunc) => KernelFunc): void {
  const current = tf.getKernel(name, 'cpu');
  if (!current || INSTALLED in current.kernelFunc) return;
  const kernelFunc = faster(current.kernelFunc);
  tf.unregisterKernel(name, 'cpu');
  tf.registerKernel({ kernelName: name, backendName: 'cpu', kernelFunc: Object.assign(kernelFunc, { [INSTALLED]: true }) });
}
