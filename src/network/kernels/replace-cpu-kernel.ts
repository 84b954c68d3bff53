import * as tf from '@tensorflow/tfjs';

export type KernelFunc = tf.KernelConfig['kernelFunc'];

/** Marks a kernel function installed here, so that installing twice is a no-op. */
const FAST = Symbol('faster CPU kernel');

/**
 * Registers `faster(original)` as tfjs's CPU kernel `name` in place of tfjs's own (which it may
 * call for the cases it does not handle), once per JavaScript realm.
 */
export function replaceCpuKernel(name: string, faster: (original: KernelFunc) => KernelFunc): void {
  const current = tf.getKernel(name, 'cpu');
  if (!current || FAST in current.kernelFunc) return;
  const kernelFunc = faster(current.kernelFunc);
  tf.unregisterKernel(name, 'cpu');
  tf.registerKernel({ kernelName: name, backendName: 'cpu', kernelFunc: Object.assign(kernelFunc, { [FAST]: true }) });
}
