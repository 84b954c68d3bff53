import * as tf from '@tensorflow/tfjs';

/**
 * A model sharing `model`'s layers and weights that stops at layer `name`: how a training procedure
 * reads the hidden activations or reservoir states it fits on. No weights are copied.
 */
export function upToLayer(model: tf.LayersModel, name: string): tf.LayersModel {
  return tf.model({ inputs: model.inputs, outputs: model.getLayer(name).output as tf.SymbolicTensor });
}
