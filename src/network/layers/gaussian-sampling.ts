import * as tf from '@tensorflow/tfjs';

export interface GaussianSamplingConfig {
  name?: string;
  /**
   * Seeds the noise ε: call k draws with seed + k, so a seeded network trains the same way every
   * time. Without a seed every call draws fresh noise.
   */
  seed?: number;
}

/**
 * The reparameterisation trick of Kingma & Welling (2013): from a mean μ and a log-variance log σ²,
 * each of n units, draw z = μ + exp(½·log σ²)·ε with ε ~ N(0, 1) drawn anew on every call. The
 * randomness sits in ε, outside the path from μ and log σ² to z, so gradients flow through both.
 * No weights: z_i depends on μ_i and log σ²_i only, by this fixed rule (see its tracer).
 */
export class GaussianSampling extends tf.layers.Layer {
  static readonly className = 'GaussianSampling';
  private readonly seed: number | undefined;
  private calls = 0;

  constructor(config: GaussianSamplingConfig = {}) {
    super(config);
    this.seed = config.seed;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    if (!Array.isArray(inputs) || inputs.length !== 2) throw new Error(`layer "${this.name}" (GaussianSampling): expected two inputs [mean, logVariance]`);
    const [mean, logVariance] = inputs as [tf.Tensor, tf.Tensor];
    const seed = this.seed === undefined ? undefined : this.seed + this.calls++;
    return tf.tidy(() => reparameterise(mean, logVariance, tf.randomNormal(mean.shape, 0, 1, 'float32', seed)));
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    const [mean, logVariance] = inputShape as tf.Shape[];
    if (!mean || !logVariance || mean.at(-1) !== logVariance.at(-1))
      throw new Error(`layer "${this.name}" (GaussianSampling): expected a mean and a log-variance of one size, but got ${JSON.stringify(inputShape)}`);
    return mean;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), ...(this.seed === undefined ? {} : { seed: this.seed }) };
  }
}
tf.serialization.registerClass(GaussianSampling);

/** z = μ + exp(½·log σ²)·ε, elementwise. */
export function reparameterise(mean: tf.Tensor, logVariance: tf.Tensor, epsilon: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.add(mean, tf.mul(tf.exp(tf.mul(logVariance, 0.5)), epsilon)));
}

export const gaussianSampling = (config?: GaussianSamplingConfig): GaussianSampling => new GaussianSampling(config);
