import * as tf from '@tensorflow/tfjs';
import { defineArchitecture } from '../architecture/define';
import { buildHourglass, fitAutoencoder, meanSquaredError, runChain, type FitOptions } from '../network/autoencoder';
import { count, fields, seed, type ConfigOf } from '../architecture/config-schema';

const configSchema = fields({
  inputs: count(),
  /** Width of the hidden layer on each side of the code (encoder and, mirrored, decoder). */
  hidden: count(),
  /** The bottleneck: fewer cells than the input, so the network must compress. */
  code: count(),
  seed: seed(),
});
export type AutoencoderConfig = ConfigOf<typeof configSchema>;

/**
 * An hourglass: input → encoder → a narrow code → decoder → a reconstruction of the input, as wide
 * as the input. Nothing but the narrow middle stops it from copying its input; what it keeps there
 * is what it learned.
 */
function build(config: AutoencoderConfig): tf.LayersModel {
  return buildHourglass({
    name: 'autoencoder',
    inputs: config.inputs,
    hidden: [config.hidden],
    code: config.code,
    hiddenActivation: 'relu',
    codeActivation: 'linear',
    seed: config.seed,
  });
}

/**
 * Backpropagation on the reconstruction error alone: the target of every example is the example
 * itself. Returns the mean squared error per pixel of every epoch.
 */
export function trainAutoencoder(model: tf.LayersModel, images: tf.Tensor2D, options: FitOptions): Promise<number[]> {
  return fitAutoencoder(images, (batch) => meanSquaredError(batch, runChain(model, batch, { training: true }).get('reconstruction')!), options);
}

/** The code the encoder gives each image, one row per image. */
export function encode(model: tf.LayersModel, images: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => runChain(model, images, { training: false }).get('code') as tf.Tensor2D);
}

/** Mean squared error per pixel between images and the network's reconstructions of them. */
export function reconstructionError(model: tf.LayersModel, images: tf.Tensor2D): number {
  return tf.tidy(() => meanSquaredError(images, model.predict(images) as tf.Tensor).dataSync()[0]!);
}

export default defineArchitecture<AutoencoderConfig>({
  id: 'autoencoder',
  name: 'Autoencoder',
  abbreviation: 'AE',
  // The "encoder problem" of this chapter is an autoencoder trained by backpropagation: 8 inputs
  // squeezed through 3 hidden cells and rebuilt. Bourlard & Kamp (1988) came later, with the link to PCA.
  year: 1986,
  paper: {
    authors: ['David E. Rumelhart', 'Geoffrey E. Hinton', 'Ronald J. Williams'],
    title: 'Learning internal representations by error propagation',
    venue: 'In D. E. Rumelhart, J. L. McClelland and the PDP Research Group (eds.), Parallel Distributed Processing, Vol. 1: Foundations, MIT Press, 318–362',
    year: 1986,
    url: 'https://doi.org/10.7551/mitpress/5236.001.0001',
  },
  training: {
    method: 'backpropagation on the reconstruction error',
    summary: 'Every weight is trained by gradient descent (Adam, mini-batches) so that the output reproduces the input; the input is its own target.',
  },
  summary: 'A feed-forward network shaped like an hourglass that learns to reproduce its input through a narrow code layer, and so learns a compressed description of its data.',
  family: 'autoencoder',
  views: ['cells', 'layers'],
  configs: {
    diagram: { inputs: 6, hidden: 3, code: 2, seed: 1 },
    demo: { inputs: 64, hidden: 32, code: 8, seed: 1 },
  },
  configSchema,
  build,
  shapes: (c) => ({ input: [c.inputs], output: [c.inputs] }),
});
