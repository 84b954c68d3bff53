import * as tf from '@tensorflow/tfjs';

/**
 * Rosenblatt's threshold unit: 1 where the input is ≥ 0, else 0. tfjs has no step activation, and
 * the perceptron is defined by it, so it is a layer of its own (no weights; elementwise).
 */
export class Heaviside extends tf.layers.Layer {
  static readonly className = 'Heaviside';

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0]! : inputs;
      return tf.cast(tf.greaterEqual(x, 0), 'float32');
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }
}
tf.serialization.registerClass(Heaviside);

export const heaviside = (config?: { name?: string }): Heaviside => new Heaviside(config ?? {});
