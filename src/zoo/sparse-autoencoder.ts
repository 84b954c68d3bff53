import * as tf from '@tensorflow/tfjs';
import { defineArchitecture } from '../architecture/define';
import { buildHourglass, fitAutoencoder, runChain, type FitOptions } from '../network/autoencoder';
import { count, fields, seed, type ConfigOf } from '../architecture/config-schema';

const configSchema = fields({
  inputs: count(),
  /** More code cells than inputs: an overcomplete code, kept in check by the sparsity penalty alone. */
  code: count(),
  seed: seed(),
});
export type SparseAutoencoderConfig = ConfigOf<typeof configSchema>;

export interface SparsityOptions {
  /** The target rate ρ: how active, on average over the data, each code cell should be. */
  readonly target: number;
  /** The penalty's weight β; 0 trains the same network without it. */
  readonly weight: number;
}

/**
 * An autoencoder whose single hidden layer, the code, is wider than the input. Sigmoid code cells,
 * so each cell's activity lies between 0 and 1 and its average over the data is a firing rate the
 * penalty can compare with the target.
 */
function build(config: SparseAutoencoderConfig): tf.LayersModel {
  return buildHourglass({
    name: 'sparse-autoencoder',
    inputs: config.inputs,
    hidden: [],
    code: config.code,
    hiddenActivation: 'sigmoid',
    codeActivation: 'sigmoid',
    seed: config.seed,
  });
}

/**
 * The sparsity penalty β·Σ_j KL(ρ ‖ ρ̂_j), where ρ̂_j is code cell j's mean activation over the
 * batch and KL(ρ ‖ ρ̂) = ρ·log(ρ/ρ̂) + (1−ρ)·log((1−ρ)/(1−ρ̂)): zero when every cell fires at the
 * target rate, and growing fast as a cell's rate moves away from it.
 */
export function sparsityPenalty(code: tf.Tensor2D, options: SparsityOptions): tf.Scalar {
  return tf.tidy(() => {
    const rate = tf.clipByValue(tf.mean(code, 0), 1e-6, 1 - 1e-6);
    const { target } = options;
    const kl = tf.add(tf.mul(target, tf.log(tf.div(target, rate))), tf.mul(1 - target, tf.log(tf.div(1 - target, tf.sub(1, rate)))));
    return tf.mul(options.weight, tf.sum(kl)) as tf.Scalar;
  });
}

/**
 * Backpropagation on squared reconstruction error (summed over pixels, averaged over the batch)
 * plus the sparsity penalty on the code. Returns the mean total loss of every epoch.
 */
export function trainSparseAutoencoder(model: tf.LayersModel, images: tf.Tensor2D, options: FitOptions & { sparsity: SparsityOptions }): Promise<number[]> {
  return fitAutoencoder(
    images,
    (batch) => {
      const outputs = runChain(model, batch, { training: true });
      const error = tf.mean(tf.sum(tf.squaredDifference(batch, outputs.get('reconstruction')!), 1));
      return tf.add(error, sparsityPenalty(outputs.get('code') as tf.Tensor2D, options.sparsity)) as tf.Scalar;
    },
    options,
  );
}

/** The code cells' activations for each image, one row per image. */
export function codeActivations(model: tf.LayersModel, images: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => runChain(model, images, { training: false }).get('code') as tf.Tensor2D);
}

export default defineArchitecture<SparseAutoencoderConfig>({
  id: 'sparse-autoencoder',
  name: 'Sparse autoencoder',
  abbreviation: 'SAE',
  year: 2007,
  paper: {
    authors: ['Marc’Aurelio Ranzato', 'Christopher Poultney', 'Sumit Chopra', 'Yann LeCun'],
    title: 'Efficient learning of sparse representations with an energy-based model',
    venue: 'Advances in Neural Information Processing Systems 19 (NIPS 2006), 1137–1144',
    year: 2007,
    url: 'https://yann.lecun.com/exdb/publis/pdf/ranzato-06.pdf',
  },
  training: {
    method: 'backpropagation with a sparsity penalty',
    summary: 'Every weight is trained by gradient descent (Adam, mini-batches) on the reconstruction error plus a penalty that keeps each code cell’s average activity near a small target rate.',
  },
  summary: 'An autoencoder with more code cells than inputs, kept from copying its input by a penalty that lets only a few code cells be active for any one input.',
  family: 'autoencoder',
  views: ['cells'],
  configs: {
    diagram: { inputs: 4, code: 6, seed: 1 },
    demo: { inputs: 64, code: 100, seed: 1 },
  },
  configSchema,
  build,
  shapes: (c) => ({ input: [c.inputs], output: [c.inputs] }),
});
