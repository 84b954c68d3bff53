import * as tf from '@tensorflow/tfjs';

type AddWeight = tf.layers.Layer['addWeight'];

/**
 * Runs `build` with every weight a tfjs layer declares initialised to zeros, whatever initialiser the
 * definition asked for: a canonical configuration (VGG-16's 138 million parameters) is built only
 * for its structure — layers, inbound nodes, shapes, parameter count — and drawing random numbers
 * for each weight would take seconds and serve nothing. Zeros still allocate: tfjs has no lazy
 * variables. Only weights made through the tfjs this module imports are seen; a custom layer that
 * creates its weights with `addWeight`, as tfjs layers do, is covered.
 */
export function withZeroWeights<T>(build: () => T): T {
  const prototype = tf.layers.Layer.prototype as unknown as { addWeight: AddWeight };
  const original = prototype.addWeight;
  const zeros = tf.initializers.zeros();
  prototype.addWeight = function (this: tf.layers.Layer, ...args: Parameters<AddWeight>) {
    args[3] = zeros;
    return original.apply(this, args);
  } as AddWeight;
  try {
    return build();
  } finally {
    prototype.addWeight = original;
  }
}
