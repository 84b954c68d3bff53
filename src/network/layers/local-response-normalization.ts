import * as tf from '@tensorflow/tfjs';

export interface LocalResponseNormalizationArgs {
  /** n: how many adjacent channels share a denominator, the channel itself in the middle (odd). */
  readonly size: number;
  /** k, α, β of the formula below. */
  readonly k: number;
  readonly alpha: number;
  readonly beta: number;
  readonly name?: string;
}

/**
 * Local response normalisation across channels (Krizhevsky, Sutskever & Hinton 2012, section 3.3):
 * b_c = a_c / (k + α · Σ a_j²)^β, the sum over the n channels j centred on c at the same position
 * (fewer at the first and last channels). AlexNet used n = 5, k = 2, α = 10⁻⁴, β = 0.75. α multiplies
 * the sum as the paper writes it, not the mean (Caffe divides α by n; say so when comparing).
 * tfjs has the operation (`tf.localResponseNormalization`) but no layer: this is that layer, for
 * channels-last images. It has no weights.
 */
export class LocalResponseNormalization extends tf.layers.Layer {
  static readonly className = 'LocalResponseNormalization';
  readonly size: number;
  readonly k: number;
  readonly alpha: number;
  readonly beta: number;

  constructor(args: LocalResponseNormalizationArgs) {
    super({ name: args.name });
    if (!Number.isInteger(args.size) || args.size < 1 || args.size % 2 === 0)
      throw new Error(`LocalResponseNormalization: expected size to be an odd positive integer, but got ${args.size}`);
    for (const field of ['k', 'alpha', 'beta'] as const)
      if (!Number.isFinite(args[field]) || args[field] < 0) throw new Error(`LocalResponseNormalization: expected ${field} to be a non-negative number, but got ${args[field]}`);
    this.size = args.size;
    this.k = args.k;
    this.alpha = args.alpha;
    this.beta = args.beta;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0]! : inputs) as tf.Tensor4D;
      return tf.localResponseNormalization(x, (this.size - 1) / 2, this.k, this.alpha, this.beta);
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), size: this.size, k: this.k, alpha: this.alpha, beta: this.beta };
  }
}
tf.serialization.registerClass(LocalResponseNormalization);

export const localResponseNormalization = (args: LocalResponseNormalizationArgs): LocalResponseNormalization => new LocalResponseNormalization(args);

/**
 * The same formula in plain JavaScript, float64, for one position's channel vector: a reference for
 * tests.
 */
export function localResponseNormalizationReference(channels: readonly number[], args: Omit<LocalResponseNormalizationArgs, 'name'>): number[] {
  const half = (args.size - 1) / 2;
  return channels.map((a, c) => {
    let sum = 0;
    for (let j = Math.max(0, c - half); j <= Math.min(channels.length - 1, c + half); j++) sum += channels[j]! ** 2;
    return a / (args.k + args.alpha * sum) ** args.beta;
  });
}
