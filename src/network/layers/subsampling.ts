import * as tf from '@tensorflow/tfjs';

export interface SubsamplingArgs {
  /** Side of the square window, which is also its stride: windows do not overlap. */
  readonly poolSize: number;
  readonly name?: string;
}

/**
 * LeNet-5's subsampling layer (LeCun et al. 1998, section II.B, layers S2 and S4), for
 * channels-last images: each output unit adds up the inputs of one poolSize × poolSize window of
 * its own feature map, multiplies the sum by that map's trainable coefficient and adds that map's
 * trainable bias: y = c_m · Σ x + b_m. Two weights per map, `coefficient` and `bias`; the squashing
 * function comes after, as a layer of its own. tfjs's average pooling is the sum divided by the
 * window's area, so it is used here and multiplied back.
 */
export class Subsampling extends tf.layers.Layer {
  static readonly className = 'Subsampling';
  readonly poolSize: number;
  private coefficient?: tf.LayerVariable;
  private bias?: tf.LayerVariable;

  constructor(args: SubsamplingArgs) {
    super({ name: args.name });
    if (!Number.isInteger(args.poolSize) || args.poolSize < 1) throw new Error(`Subsampling: expected poolSize to be a positive integer, but got ${args.poolSize}`);
    this.poolSize = args.poolSize;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const maps = shape.at(-1);
    if (typeof maps !== 'number') throw new Error(`Subsampling: expected a fixed number of feature maps, but got ${maps}`);
    // A coefficient of 1/area starts each unit as the window's mean.
    this.coefficient = this.addWeight('coefficient', [maps], 'float32', tf.initializers.constant({ value: 1 / this.poolSize ** 2 }));
    this.bias = this.addWeight('bias', [maps], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0]! : inputs) as tf.Tensor4D;
      const sums = tf.mul(tf.avgPool(x, this.poolSize, this.poolSize, 'valid'), this.poolSize ** 2);
      return tf.add(tf.mul(sums, this.coefficient!.read()), this.bias!.read());
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [batch, height, width, maps] = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const shrink = (side: number | null | undefined) => (typeof side === 'number' ? Math.floor(side / this.poolSize) : null);
    return [batch ?? null, shrink(height), shrink(width), maps ?? null];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), poolSize: this.poolSize };
  }
}
tf.serialization.registerClass(Subsampling);

export const subsampling = (args: SubsamplingArgs): Subsampling => new Subsampling(args);

/**
 * The same computation in plain JavaScript, float64, for one feature map given as rows: a
 * reference for tests.
 */
export function subsamplingReference(map: readonly (readonly number[])[], poolSize: number, coefficient: number, bias: number): number[][] {
  const rows = Math.floor(map.length / poolSize);
  const columns = Math.floor(map[0]!.length / poolSize);
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: columns }, (_, c) => {
      let sum = 0;
      for (let i = 0; i < poolSize; i++) for (let j = 0; j < poolSize; j++) sum += map[r * poolSize + i]![c * poolSize + j]!;
      return coefficient * sum + bias;
    }),
  );
}
