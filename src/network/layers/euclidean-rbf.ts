import * as tf from '@tensorflow/tfjs';
import { createRandom } from '../numerics/random';

export interface EuclideanRbfArgs {
  /** Output units: one per class. */
  readonly units: number;
  /** Seeds the fixed ±1 parameter vectors. */
  readonly seed: number;
  readonly name?: string;
}

/**
 * LeNet-5's output layer (LeCun et al. 1998, section II.B): one Euclidean radial basis function unit
 * per class, y_i = Σ_j (x_j − w_ij)², the squared distance between the input and the unit's
 * parameter vector w_i: a penalty, smallest for the class the input looks most like. The paper
 * drew each w_i by hand as a stylised 7×12 bitmap of its character, entries ±1, and kept them
 * fixed; here each entry is +1 or −1 with equal probability from a seeded generator (the paper
 * mentions random codes as a choice it could have made), so `centres` [inputs, units] is a weight
 * that never trains and the same seed always gives the same code.
 */
export class EuclideanRbf extends tf.layers.Layer {
  static readonly className = 'EuclideanRbf';
  readonly units: number;
  readonly seed: number;
  private centres?: tf.LayerVariable;

  constructor(args: EuclideanRbfArgs) {
    super({ name: args.name });
    if (!Number.isInteger(args.units) || args.units < 1) throw new Error(`EuclideanRbf: expected units to be a positive integer, but got ${args.units}`);
    this.units = args.units;
    this.seed = args.seed;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const inputs = shape.at(-1);
    if (typeof inputs !== 'number') throw new Error(`EuclideanRbf: expected a fixed input size, but got ${inputs}`);
    this.centres = this.addWeight('centres', [inputs, this.units], 'float32', tf.initializers.zeros(), undefined, false);
    tf.tidy(() => void this.centres!.write(tf.tensor2d(rbfCode(inputs, this.units, this.seed), [inputs, this.units])));
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0]! : inputs) as tf.Tensor2D;
      const w = this.centres!.read() as tf.Tensor2D;
      // ‖x − w‖² = ‖x‖² − 2 x·w + ‖w‖², one matrix product for every unit.
      const xx = tf.sum(tf.square(x), 1, true);
      const ww = tf.sum(tf.square(w), 0, true);
      return tf.add(tf.sub(xx, tf.mul(2, tf.matMul(x, w))), ww);
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [...shape.slice(0, -1), this.units];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units, seed: this.seed };
  }
}
tf.serialization.registerClass(EuclideanRbf);

export const euclideanRbf = (args: EuclideanRbfArgs): EuclideanRbf => new EuclideanRbf(args);

/** The fixed code, row-major [inputs, units]: column i is unit i's parameter vector, every entry ±1. */
export function rbfCode(inputs: number, units: number, seed: number): Float32Array {
  const random = createRandom(seed);
  return Float32Array.from({ length: inputs * units }, () => (random.next() < 0.5 ? -1 : 1));
}

/** The same function in plain JavaScript, float64, for one input vector: a reference for tests. */
export function euclideanRbfReference(x: readonly number[], centres: readonly (readonly number[])[]): number[] {
  return centres[0]!.map((_, i) => x.reduce((sum, xj, j) => sum + (xj - centres[j]![i]!) ** 2, 0));
}
