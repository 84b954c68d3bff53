import * as tf from '@tensorflow/tfjs';
import { uniformMatrix } from '../numerics/random';

export interface RadialBasisArgs {
  /** Number of Gaussian units, one centre each. */
  readonly units: number;
  /** Starting width σ of every unit (each unit's width is its own weight and may be trained). */
  readonly width: number;
  readonly name?: string;
  readonly trainable?: boolean;
}

/**
 * A layer of Gaussian radial-basis units (Broomhead & Lowe 1988): unit j answers
 * φⱼ(x) = exp(−‖x − cⱼ‖² / (2σⱼ²)), largest (1) at its centre cⱼ and fading with the distance.
 *
 * Weights: `centres` [inputs × units], whose column j is the centre cⱼ, so entry [i][j] is what
 * input i is compared with in unit j (the weight of the connection i → j), and `widths` [units],
 * one σ per unit (like a bias, it belongs to a unit and connects nothing). Unlike a dense kernel,
 * a centre coordinate of 0 is still a live connection: the unit still measures input i's distance
 * from 0.
 */
export class RadialBasis extends tf.layers.Layer {
  static readonly className = 'RadialBasis';
  readonly units: number;
  readonly width: number;
  private centres?: tf.LayerVariable;
  private widths?: tf.LayerVariable;

  constructor(args: RadialBasisArgs) {
    super({ name: args.name, trainable: args.trainable });
    if (!Number.isInteger(args.units) || args.units < 1) throw new Error(`RadialBasis: expected units to be a positive integer, but got ${args.units}`);
    if (!(args.width > 0)) throw new Error(`RadialBasis: expected width to be a positive number, but got ${args.width}`);
    this.units = args.units;
    this.width = args.width;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const inputs = shape.at(-1);
    if (typeof inputs !== 'number') throw new Error(`RadialBasis: expected a fixed input size, but got ${inputs}`);
    // Centres start uniform in [−1, 1] from our seeded generator; a definition places them (on a
    // grid, or from the data).
    this.centres = this.addWeight('centres', [inputs, this.units], 'float32', tf.initializers.zeros());
    tf.tidy(() => void this.centres!.write(tf.tensor2d(Float32Array.from(uniformMatrix(inputs, this.units, 1, 1)), [inputs, this.units])));
    this.widths = this.addWeight('widths', [this.units], 'float32', tf.initializers.constant({ value: this.width }));
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0]! : inputs) as tf.Tensor2D;
      const c = this.centres!.read();
      const sigma = this.widths!.read();
      // [batch, inputs, 1] − [1, inputs, units]: every input row against every centre, exactly.
      const squared = tf.sum(tf.square(tf.sub(tf.expandDims(x, 2), tf.expandDims(c, 0))), 1);
      return tf.exp(tf.div(tf.neg(squared), tf.mul(2, tf.square(sigma))));
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [...shape.slice(0, -1), this.units];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units, width: this.width };
  }
}
tf.serialization.registerClass(RadialBasis);

export const radialBasis = (args: RadialBasisArgs): RadialBasis => new RadialBasis(args);

/** The same function in plain JavaScript, float64: a reference for tests. */
export function radialBasisReference(x: readonly number[], centres: readonly (readonly number[])[], widths: readonly number[]): number[] {
  return widths.map((sigma, j) => {
    const squared = x.reduce((sum, xi, i) => sum + (xi - centres[i]![j]!) ** 2, 0);
    return Math.exp(-squared / (2 * sigma * sigma));
  });
}
