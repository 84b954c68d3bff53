import * as tf from '@tensorflow/tfjs';
import { squash } from './squash';

export interface PrimaryCapsulesConfig {
  /** How many capsules. */
  readonly capsules: number;
  /** Length of each capsule's vector. */
  readonly dim: number;
  readonly seed?: number;
  readonly name?: string;
}

/**
 * The first capsule layer: an affine map of the input features, cut into `capsules` vectors of
 * `dim` numbers, each squashed. In the paper this map is a convolution over the image; here it is
 * fully connected, so every input cell feeds every capsule through a `dim × 1` block of the kernel.
 * Input [batch, features] → output [batch, capsules, dim].
 */
export class PrimaryCapsules extends tf.layers.Layer {
  static readonly className = 'PrimaryCapsules';
  readonly capsules: number;
  readonly dim: number;
  readonly seed: number | undefined;
  private kernel?: tf.LayerVariable;
  private bias?: tf.LayerVariable;

  constructor(config: PrimaryCapsulesConfig) {
    super({ name: config.name });
    for (const key of ['capsules', 'dim'] as const)
      if (!Number.isInteger(config[key]) || config[key] < 1) throw new Error(`Expected ${key} to be a positive integer, but got ${config[key]}.`);
    this.capsules = config.capsules;
    this.dim = config.dim;
    this.seed = config.seed;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const features = shape[shape.length - 1];
    if (typeof features !== 'number') throw new Error(`layer "${this.name}": expected a fixed feature size, but got ${features}`);
    const units = this.capsules * this.dim;
    this.kernel = this.addWeight('kernel', [features, units], 'float32', tf.initializers.glorotUniform({ seed: this.seed }));
    this.bias = this.addWeight('bias', [units], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0]! : inputs) as tf.Tensor2D;
      const s = tf.add(tf.matMul(x, this.kernel!.read() as tf.Tensor2D), this.bias!.read());
      return squash(tf.reshape(s, [-1, this.capsules, this.dim]));
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [shape[0] ?? null, this.capsules, this.dim];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), capsules: this.capsules, dim: this.dim, ...(this.seed === undefined ? {} : { seed: this.seed }) };
  }
}
tf.serialization.registerClass(PrimaryCapsules);
