import * as tf from '@tensorflow/tfjs';
import type { Lattice } from '../../graph/types';
import { uniformMatrix } from '../numerics/random';

export interface SelfOrganisingMapArgs extends Lattice {
  readonly name?: string;
  readonly trainable?: boolean;
  /** Seed of the random starting prototypes, uniform in [0, 1). */
  readonly seed?: number;
}

/**
 * Kohonen's self-organising map as a layer: `rows × columns` units on a 2-D lattice, unit k at row
 * ⌊k / columns⌋ and column k mod columns. Its one weight, `prototypes` [inputs × units], holds in
 * column k the point of input space unit k stands for, so entry [i][k] is the weight of the
 * connection from input i to unit k. The answer is competitive: a one-hot vector marking the
 * best-matching unit, the unit whose prototype is nearest the input (squared Euclidean distance;
 * the first such unit on a tie).
 *
 * The lattice is not a weight. It says which units are neighbours, and only training uses it
 * (src/zoo/kohonen-network.ts): the winner and its lattice neighbours move towards the input.
 * Gradients play no part: the one-hot answer has none, and the prototypes are written directly.
 */
export class SelfOrganisingMap extends tf.layers.Layer {
  static readonly className = 'SelfOrganisingMap';
  readonly rows: number;
  readonly columns: number;
  readonly seed: number;
  private prototypes?: tf.LayerVariable;

  constructor(args: SelfOrganisingMapArgs) {
    super({ name: args.name, trainable: args.trainable });
    for (const key of ['rows', 'columns'] as const)
      if (!Number.isInteger(args[key]) || args[key] < 1) throw new Error(`SelfOrganisingMap: expected ${key} to be a positive integer, but got ${args[key]}`);
    this.rows = args.rows;
    this.columns = args.columns;
    this.seed = args.seed ?? 1;
  }

  get units(): number {
    return this.rows * this.columns;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const inputs = shape.at(-1);
    if (typeof inputs !== 'number') throw new Error(`SelfOrganisingMap: expected a fixed input size, but got ${inputs}`);
    this.prototypes = this.addWeight('prototypes', [inputs, this.units], 'float32', tf.initializers.zeros());
    // Our seeded generator, not a tfjs initialiser: the same numbers on every platform, and in range.
    const start = uniformMatrix(inputs, this.units, 0.5, this.seed).map((v) => v + 0.5);
    tf.tidy(() => void this.prototypes!.write(tf.tensor2d(Float32Array.from(start), [inputs, this.units])));
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0]! : inputs) as tf.Tensor2D;
      return tf.oneHot(tf.argMin(squaredDistances(x, this.prototypes!.read() as tf.Tensor2D), 1), this.units).toFloat();
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [...shape.slice(0, -1), this.units];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rows: this.rows, columns: this.columns, seed: this.seed };
  }
}
tf.serialization.registerClass(SelfOrganisingMap);

export const selfOrganisingMap = (args: SelfOrganisingMapArgs): SelfOrganisingMap => new SelfOrganisingMap(args);

/** ‖xₙ − wₖ‖² for every input row n and prototype column k: [batch × units]. */
export function squaredDistances(x: tf.Tensor2D, prototypes: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.sum(tf.square(tf.sub(tf.expandDims(x, 2), tf.expandDims(prototypes, 0))), 1) as tf.Tensor2D);
}
