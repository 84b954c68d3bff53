import * as tf from '@tensorflow/tfjs';
import { defineArchitecture } from '../architecture/define';
import { buildHourglass, fitAutoencoder, meanSquaredError, runChain, type FitOptions } from '../network/autoencoder';
import { createRandom } from '../network/numerics/random';
import { count, fields, seed, type ConfigOf } from '../architecture/config-schema';
import * as z from 'zod/mini';

/** A noise level: 0 (none) or more, never NaN. */
const noiseLevel = () => z.number({ error: 'expected a number ≥ 0' }).check(z.gte(0, { error: 'expected a number ≥ 0' }));

const configSchema = fields({
  inputs: count(),
  code: count(),
  /** Standard deviation of the Gaussian noise added to every input value while training; 0 trains a plain autoencoder. */
  noise: noiseLevel(),
  seed: seed(),
});
export type DenoisingAutoencoderConfig = ConfigOf<typeof configSchema>;

/**
 * An autoencoder with one hidden layer (the code) whose input is corrupted while it trains: a
 * GaussianNoise layer right after the input adds fresh noise to every value on every training
 * step and passes the input through untouched otherwise. The target stays the clean input, so the
 * only way to lower the error is to learn what digits look like and undo the noise.
 */
function build(config: DenoisingAutoencoderConfig): tf.LayersModel {
  return buildHourglass({
    name: 'denoising-autoencoder',
    inputs: config.inputs,
    hidden: [],
    code: config.code,
    hiddenActivation: 'sigmoid',
    codeActivation: 'sigmoid',
    inputNoise: config.noise,
    seed: config.seed,
  });
}

/**
 * Backpropagation on the error between the reconstruction of the corrupted input and the clean
 * input. Returns the mean squared error per pixel of every epoch (measured on corrupted inputs).
 */
export function trainDenoisingAutoencoder(model: tf.LayersModel, images: tf.Tensor2D, options: FitOptions): Promise<number[]> {
  return fitAutoencoder(images, (batch) => meanSquaredError(batch, runChain(model, batch, { training: true }).get('reconstruction')!), options);
}

/** `images` with seeded Gaussian noise of standard deviation `noise` added to every pixel (not clipped). */
export function addNoise(images: tf.Tensor2D, noise: number, seed: number): tf.Tensor2D {
  const random = createRandom(seed);
  const values = Float32Array.from({ length: images.size }, () => noise * random.normal());
  return tf.tidy(() => tf.add(images, tf.tensor2d(values, images.shape)) as tf.Tensor2D);
}

/** Mean squared error per pixel between the network's output for `inputs` and the `clean` images. */
export function denoisingError(model: tf.LayersModel, inputs: tf.Tensor2D, clean: tf.Tensor2D): number {
  return tf.tidy(() => meanSquaredError(clean, model.predict(inputs) as tf.Tensor).dataSync()[0]!);
}

export default defineArchitecture<DenoisingAutoencoderConfig>({
  id: 'denoising-autoencoder',
  name: 'Denoising autoencoder',
  abbreviation: 'DAE',
  year: 2008,
  paper: {
    authors: ['Pascal Vincent', 'Hugo Larochelle', 'Yoshua Bengio', 'Pierre-Antoine Manzagol'],
    title: 'Extracting and composing robust features with denoising autoencoders',
    venue: 'Proceedings of the 25th International Conference on Machine Learning (ICML), 1096–1103',
    year: 2008,
    url: 'https://doi.org/10.1145/1390156.1390294',
  },
  training: {
    method: 'backpropagation from corrupted input to clean target',
    summary: 'Every weight is trained by gradient descent (Adam, mini-batches) to map a freshly corrupted copy of each input back to the clean input; the noise acts only in training.',
  },
  summary: 'An autoencoder trained to rebuild clean inputs from deliberately corrupted copies, which forces it to learn the structure of the data instead of copying it.',
  family: 'autoencoder',
  views: ['cells'],
  configs: {
    diagram: { inputs: 6, code: 3, noise: 0.3, seed: 1 },
    demo: { inputs: 64, code: 32, noise: 0.3, seed: 1 },
  },
  configSchema,
  build,
  shapes: (c) => ({ input: [c.inputs], output: [c.inputs] }),
});
