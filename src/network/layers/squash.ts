import * as tf from '@tensorflow/tfjs';

/** Keeps the norm's derivative finite at s = 0. */
const EPSILON = 1e-7;

/**
 * Sabour et al.'s squash along the last axis: v = (‖s‖² / (1 + ‖s‖²)) · s / ‖s‖. The direction is
 * kept and the length is pressed into [0, 1), so a capsule's length can be read as a probability.
 */
export function squash(s: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const squaredNorm = tf.sum(tf.square(s), -1, true);
    const scale = tf.div(squaredNorm, tf.mul(tf.add(1, squaredNorm), tf.sqrt(tf.add(squaredNorm, EPSILON))));
    return tf.mul(s, scale);
  });
}

/** Length of each capsule's vector (its last axis): the capsule network's class scores. */
export function capsuleNorm(v: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.sqrt(tf.add(tf.sum(tf.square(v), -1), EPSILON)));
}
