import * as tf from '@tensorflow/tfjs';
import { defineArchitecture } from '../architecture/define';
import { declareOutputMatchesInput } from '../graph/output-role';
import { decoderStack, denseLayer, encoderStack, fitAutoencoder, type FitOptions } from '../network/autoencoder';
import { gaussianSampling } from '../network/layers/gaussian-sampling';
import { count, fields, seed, type ConfigOf } from '../architecture/config-schema';

const configSchema = fields({
  inputs: count(),
  /** Width of the hidden layer on each side of the latent code. */
  hidden: count(),
  /** Dimensions of the latent variable z (2 lets the demo draw the whole latent space as a grid). */
  latent: count(),
  seed: seed(),
});
export type VariationalAutoencoderConfig = ConfigOf<typeof configSchema>;

/**
 * The encoder ends in two layers side by side, the mean μ and the log-variance log σ² of a Gaussian
 * over the code; a weightless GaussianSampling layer draws z = μ + σ·ε from it; the decoder maps z
 * back to pixel probabilities. Same hourglass as an autoencoder, but the code is a distribution.
 */
function build(config: VariationalAutoencoderConfig): tf.LayersModel {
  const input = tf.input({ shape: [config.inputs], name: 'input' });
  const hidden = encoderStack(input, [config.hidden], 'relu', config.seed);
  const mean = denseLayer('z-mean', config.latent, 'linear', config.seed + 10).apply(hidden) as tf.SymbolicTensor;
  const logVariance = denseLayer('z-log-variance', config.latent, 'linear', config.seed + 11).apply(hidden) as tf.SymbolicTensor;
  const z = gaussianSampling({ name: 'z', seed: config.seed + 12 }).apply([mean, logVariance]) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: decoderStack(z, [config.hidden], config.inputs, 'relu', config.seed), name: 'variational-autoencoder' });
  declareOutputMatchesInput(model);
  return model;
}

/** KL(N(μ, σ²) ‖ N(0, 1)) per example, summed over the latent dimensions: −½·Σ(1 + log σ² − μ² − σ²). */
export function klDivergence(mean: tf.Tensor2D, logVariance: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.mul(-0.5, tf.sum(tf.sub(tf.sub(tf.add(1, logVariance), tf.square(mean)), tf.exp(logVariance)), 1)) as tf.Tensor1D);
}

/** −log p(x | z) of a Bernoulli decoder per example: binary cross-entropy summed over the pixels. */
export function reconstructionLoss(images: tf.Tensor2D, probabilities: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const p = tf.clipByValue(probabilities, 1e-6, 1 - 1e-6);
    return tf.neg(tf.sum(tf.add(tf.mul(images, tf.log(p)), tf.mul(tf.sub(1, images), tf.log(tf.sub(1, p)))), 1)) as tf.Tensor1D;
  });
}

/** What an ELBO needs of one forward pass: the code's mean and log-variance, and the reconstruction. */
export interface VariationalForward {
  readonly mean: tf.Tensor2D;
  readonly logVariance: tf.Tensor2D;
  readonly reconstruction: tf.Tensor2D;
}

/** One pass with a fresh sample of z per image, keeping the encoder's μ and log σ² for the loss. */
export function forward(model: tf.LayersModel, images: tf.Tensor2D): VariationalForward {
  return tf.tidy(() => {
    const hidden = model.getLayer('encoder').apply(images) as tf.Tensor2D;
    const mean = model.getLayer('z-mean').apply(hidden) as tf.Tensor2D;
    const logVariance = model.getLayer('z-log-variance').apply(hidden) as tf.Tensor2D;
    const z = model.getLayer('z').apply([mean, logVariance]) as tf.Tensor2D;
    return { mean, logVariance, reconstruction: decode(model, z) };
  });
}

/** The decoder alone: pixel probabilities for given latent points z (one row each). */
export function decode(model: tf.LayersModel, z: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => model.getLayer('reconstruction').apply(model.getLayer('decoder').apply(z)) as tf.Tensor2D);
}

/**
 * A trainer that maximises the evidence lower bound by backpropagation through the sample (the
 * reparameterisation trick): the loss per image is reconstruction loss + KL to the prior, averaged
 * over the batch. The trainer returns the mean loss (the negative ELBO, in nats per image) of every
 * epoch. Shared by every model with a Gaussian code (this one, dcign), which differ in `forward` only.
 */
export function elboTrainer(forwardPass: (model: tf.LayersModel, batch: tf.Tensor2D) => VariationalForward) {
  return (model: tf.LayersModel, images: tf.Tensor2D, options: FitOptions): Promise<number[]> =>
    fitAutoencoder(
      images,
      (batch) => {
        const { mean, logVariance, reconstruction } = forwardPass(model, batch);
        return tf.mean(tf.add(reconstructionLoss(batch, reconstruction), klDivergence(mean, logVariance))) as tf.Scalar;
      },
      options,
    );
}

export const trainVariationalAutoencoder = elboTrainer(forward);

export default defineArchitecture<VariationalAutoencoderConfig>({
  id: 'variational-autoencoder',
  name: 'Variational autoencoder',
  abbreviation: 'VAE',
  year: 2013,
  paper: {
    authors: ['Diederik P. Kingma', 'Max Welling'],
    title: 'Auto-encoding variational Bayes',
    venue: 'arXiv:1312.6114 (ICLR 2014)',
    year: 2013,
    url: 'https://arxiv.org/abs/1312.6114',
  },
  training: {
    method: 'backpropagation through a reparameterised sample (maximising the ELBO)',
    summary: 'Every weight is trained by gradient descent (Adam, mini-batches) on reconstruction loss plus the KL divergence of the code distribution from a standard normal prior; the sampling step has no weights.',
  },
  summary: 'An autoencoder whose code is a probability distribution rather than a point: trained to reconstruct through a random sample of it, it becomes a generator that turns random codes into new data.',
  family: 'autoencoder',
  views: ['cells', 'layers'],
  configs: {
    diagram: { inputs: 5, hidden: 3, latent: 2, seed: 1 },
    demo: { inputs: 64, hidden: 64, latent: 2, seed: 1 },
  },
  configSchema,
  build,
  shapes: (c) => ({ input: [c.inputs], output: [c.inputs] }),
});
