import * as tf from '@tensorflow/tfjs';

export interface ScaledTanhArgs {
  /** A: the amplitude, the value the unit approaches for a large positive input. */
  readonly amplitude: number;
  /** S: the slope at the origin divided by A. */
  readonly slope: number;
  readonly name?: string;
}

/** LeCun et al. (1998), section II.B and appendix A: A = 1.7159 and S = 2/3, so that f(±1) = ±1 and f'' is largest there. */
export const LECUN_TANH = { amplitude: 1.7159, slope: 2 / 3 } as const;

/**
 * The squashing function f(a) = A · tanh(S · a), element by element, with no weights. tfjs names a
 * fixed set of activations and this scaled hyperbolic tangent is not one of them, so it is a layer.
 */
export class ScaledTanh extends tf.layers.Layer {
  static readonly className = 'ScaledTanh';
  readonly amplitude: number;
  readonly slope: number;

  constructor(args: ScaledTanhArgs) {
    super({ name: args.name });
    for (const field of ['amplitude', 'slope'] as const)
      if (!(Number.isFinite(args[field]) && args[field] > 0)) throw new Error(`ScaledTanh: expected ${field} to be a positive number, but got ${args[field]}`);
    this.amplitude = args.amplitude;
    this.slope = args.slope;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => tf.mul(this.amplitude, tf.tanh(tf.mul(this.slope, Array.isArray(inputs) ? inputs[0]! : inputs))));
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), amplitude: this.amplitude, slope: this.slope };
  }
}
tf.serialization.registerClass(ScaledTanh);

export const scaledTanh = (args: ScaledTanhArgs): ScaledTanh => new ScaledTanh(args);

/** The same function in plain JavaScript, float64: a reference for tests. */
export const scaledTanhReference = (a: number, args: Omit<ScaledTanhArgs, 'name'> = LECUN_TANH): number => args.amplitude * Math.tanh(args.slope * a);
