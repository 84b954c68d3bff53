import * as tf from '@tensorflow/tfjs';
import { capsuleNorm } from './squash';

/**
 * Each capsule's length, [batch, capsules, dim] → [batch, capsules]: a capsule network's class
 * scores. No weights; it maps every capsule to one number on its own.
 */
export class CapsuleLength extends tf.layers.Layer {
  static readonly className = 'CapsuleLength';

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return capsuleNorm(Array.isArray(inputs) ? inputs[0]! : inputs);
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return shape.slice(0, -1);
  }
}
tf.serialization.registerClass(CapsuleLength);
