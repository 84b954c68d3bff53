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

/**
 * The weight decay λ the demo starts from and the behaviour test trains with. Ng's notes leave λ to
 * be tuned; the article reports what this value does to the weights, the error and the code.
 */
export const WEIGHT_DECAY = 1e-3;

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
 * Weight decay (λ/2)·Σ w² over the weight matrices (the kernels of the code and reconstruction
 * layers, not their biases), the third term of Ng's sparse-autoencoder objective: it keeps the
 * weights small.
 */
export function weightDecay(model: tf.LayersModel, lambda: number): tf.Scalar {
  return tf.tidy(() => {
    // Kernels are the matrices; biases are vectors.
    const kernels = model.trainableWeights.filter((w) => w.shape.length === 2).map((w) => tf.sum(tf.square(w.read())));
    return tf.mul(lambda / 2, tf.addN(kernels)) as tf.Scalar;
  });
}

/**
 * Backpropagation on Ng's objective: squared reconstruction error (summed over pixels, averaged
 * over the batch) plus weight decay plus the sparsity penalty on the code. Returns the mean total
 * loss of every epoch.
 */
export function trainSparseAutoencoder(model: tf.LayersModel, images: tf.Tensor2D, options: FitOptions & { sparsity: SparsityOptions; weightDecay: number }): Promise<number[]> {
  return fitAutoencoder(
    images,
    (batch) => {
      const outputs = runChain(model, batch, { training: true });
      const error = tf.mean(tf.sum(tf.squaredDifference(batch, outputs.get('reconstruction')!), 1));
      const penalty = tf.add(sparsityPenalty(outputs.get('code') as tf.Tensor2D, options.sparsity), weightDecay(model, options.weightDecay));
      return tf.add(error, penalty) as tf.Scalar;
    },
    options,
  );
}

/** The code cells' activations for each image, one row per image. */
export function codeActivations(model: tf.LayersModel, images: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => runChain(model, images, { training: false }).get('code') as tf.Tensor2D);
}

/**
 * Where the per-input counts are taken: 0.1, twice the default target rate, and 0.5, past the
 * sigmoid's midpoint (a cell more on than off).
 */
export const ACTIVITY_THRESHOLDS = [0.1, 0.5] as const;

export interface CodeActivity {
  /** Average activity of all code cells over all inputs: what the penalty bounds, through each cell's average. */
  readonly mean: number;
  /**
   * For each threshold, how many code cells exceed it for one input, averaged over the inputs: how
   * sparse the code of one input is, which the penalty does not bound by itself.
   */
  readonly perInput: readonly { readonly threshold: number; readonly cells: number }[];
}

/** The code's activity on some inputs, over all of them and per input (see CodeActivity). */
export function codeActivity(model: tf.LayersModel, images: tf.Tensor2D, thresholds: readonly number[] = ACTIVITY_THRESHOLDS): CodeActivity {
  return tf.tidy(() => {
    const code = codeActivations(model, images);
    return {
      mean: tf.mean(code).dataSync()[0]!,
      perInput: thresholds.map((threshold) => ({ threshold, cells: tf.mean(tf.sum(tf.cast(tf.greater(code, threshold), 'float32'), 1)).dataSync()[0]! })),
    };
  });
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
    summary: 'Every weight is trained by gradient descent (Adam, mini-batches) on the reconstruction error plus weight decay plus a penalty that keeps each code cell’s average activity over a batch near a small target rate.',
  },
  summary: 'An autoencoder with more code cells than inputs, kept from copying its input by a penalty that holds each code cell’s average activity to a small target rate.',
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
