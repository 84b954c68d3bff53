import * as tf from '@tensorflow/tfjs';
import * as z from 'zod/mini';
import { useFastBiasKernels } from '../network/kernels/bias';
import { useFastConvolutionGradients } from '../network/kernels/conv2d-backprop-filter';
import { useFastMaxPoolGradients } from '../network/kernels/max-pool-grad';
import { defineArchitecture } from '../architecture/define';
import { count, fields, seed, type ConfigOf } from '../architecture/config-schema';
import { declareOutputMatchesInput } from '../graph/output-role';
import { denseLayer } from '../network/autoencoder';
import { gaussianSampling } from '../network/layers/gaussian-sampling';
import { elboTrainer, type VariationalForward } from './variational-autoencoder';

/** A pair of positive integers, [height, width]. */
const pair = () => z.tuple([count(), count()], { error: 'expected [height, width], two positive integers' });

const configSchema = fields({
  /** The image, [height, width], one channel; it enters flat, so every pixel is an input cell. */
  input: pair(),
  /** Feature maps of the encoder's convolution: one kernel each. */
  filters: count(),
  /** The encoder's kernel, [height, width]. */
  kernel: pair(),
  /** The encoder's max-pooling window and stride, [height, width]. */
  pool: pair(),
  /** Units of the graphics code (the latent variable z). */
  latent: count(),
  seed: seed(),
});
export type DcignConfig = ConfigOf<typeof configSchema>;

const product = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1);

/** The encoder's maps, [height, width] each: after the ('valid') convolution, and after pooling. */
export function encoderMaps(config: DcignConfig): { convolved: [number, number]; pooled: [number, number] } {
  const convolved: [number, number] = [config.input[0] - config.kernel[0] + 1, config.input[1] - config.kernel[1] + 1];
  const pooled: [number, number] = [Math.floor(convolved[0] / config.pool[0]), Math.floor(convolved[1] / config.pool[1])];
  return { convolved, pooled };
}

/**
 * The decoder mirrors the encoder, so the image it paints has the input's size only if the pooling
 * tiles the convolved map exactly; anything else is refused here, naming the sizes.
 */
function checkMirror(config: DcignConfig): void {
  const { convolved } = encoderMaps(config);
  const fits = convolved.every((side, k) => side >= config.pool[k]! && side % config.pool[k]! === 0);
  if (!fits)
    throw new Error(
      `dcign: expected the convolved map [${convolved.join(', ')}] (input [${config.input.join(', ')}] less kernel [${config.kernel.join(', ')}] plus 1) to be a whole multiple of pool [${config.pool.join(', ')}], so the decoder can mirror the encoder`,
    );
}

/** Layer names, in the order a forward pass runs them (the two code heads both read `flatten`). */
const ENCODER = ['image', 'convolution', 'pool', 'flatten'] as const;
const DECODER = ['project', 'feature-map', 'reconstruction', 'pixels'] as const;

/**
 * Kulkarni et al.'s DC-IGN at its smallest. Encoder: a convolution and max pooling, then two dense
 * heads, the mean μ and log-variance log σ² of a Gaussian over the graphics code; a weightless
 * GaussianSampling layer draws z = μ + σ·ε. Decoder: a dense layer projects z onto a map the size of
 * the pooled one, and one transposed convolution paints the image from it. That one layer stands for
 * the paper's unpooling followed by a convolution: nearest-neighbour unpooling by the pool and a
 * k-wide kernel compose into a single transposed convolution with stride = pool and kernel
 * k + pool − 1, which is exactly what is built (with its weights free rather than tied in blocks).
 */
function build(config: DcignConfig): tf.LayersModel {
  checkMirror(config);
  const { pooled } = encoderMaps(config);
  const input = tf.input({ shape: [product(config.input)], name: 'input' });
  const image = tf.layers.reshape({ targetShape: [...config.input, 1], name: 'image' }).apply(input);
  const conv = tf.layers.conv2d({
    filters: config.filters,
    kernelSize: [...config.kernel],
    activation: 'relu',
    name: 'convolution',
    kernelInitializer: tf.initializers.heNormal({ seed: config.seed }),
  });
  const pool = tf.layers.maxPooling2d({ poolSize: [...config.pool], name: 'pool' });
  const flat = tf.layers.flatten({ name: 'flatten' }).apply(pool.apply(conv.apply(image))) as tf.SymbolicTensor;
  const mean = denseLayer('z-mean', config.latent, 'linear', config.seed + 10).apply(flat) as tf.SymbolicTensor;
  const logVariance = denseLayer('z-log-variance', config.latent, 'linear', config.seed + 11).apply(flat) as tf.SymbolicTensor;
  const code = gaussianSampling({ name: 'z', seed: config.seed + 12 }).apply([mean, logVariance]) as tf.SymbolicTensor;
  const start = [...pooled, config.filters];
  const project = denseLayer('project', product(start), 'relu', config.seed + 20).apply(code);
  const map = tf.layers.reshape({ targetShape: start, name: 'feature-map' }).apply(project);
  const paint = tf.layers.conv2dTranspose({
    filters: 1,
    kernelSize: [config.kernel[0] + config.pool[0] - 1, config.kernel[1] + config.pool[1] - 1],
    strides: [...config.pool],
    padding: 'valid',
    activation: 'sigmoid',
    name: 'reconstruction',
    kernelInitializer: tf.initializers.glorotUniform({ seed: config.seed + 21 }),
  });
  const pixels = tf.layers.flatten({ name: 'pixels' }).apply(paint.apply(map)) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: pixels, name: 'dcign' });
  declareOutputMatchesInput(model);
  return model;
}

const applyChain = (model: tf.LayersModel, names: readonly string[], x: tf.Tensor): tf.Tensor =>
  names.reduce((current, name) => model.getLayer(name).apply(current) as tf.Tensor, x);

/** The encoder alone: μ and log σ² of the graphics code for each image row. */
export function encode(model: tf.LayersModel, images: tf.Tensor2D): { mean: tf.Tensor2D; logVariance: tf.Tensor2D } {
  return tf.tidy(() => {
    const features = applyChain(model, ENCODER, images);
    return {
      mean: model.getLayer('z-mean').apply(features) as tf.Tensor2D,
      logVariance: model.getLayer('z-log-variance').apply(features) as tf.Tensor2D,
    };
  });
}

/** The decoder alone: pixel intensities, one flat image per row of codes z. */
export function decode(model: tf.LayersModel, codes: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => applyChain(model, DECODER, codes) as tf.Tensor2D);
}

/** One pass with a fresh sample of the code per image, keeping μ and log σ² for the loss. */
export function forward(model: tf.LayersModel, images: tf.Tensor2D): VariationalForward {
  return tf.tidy(() => {
    const { mean, logVariance } = encode(model, images);
    const sample = model.getLayer('z').apply([mean, logVariance]) as tf.Tensor2D;
    return { mean, logVariance, reconstruction: decode(model, sample) };
  });
}

const trainElbo = elboTrainer(forward);

/**
 * The paper's objective, the variational lower bound: per image, the reconstruction loss (Bernoulli
 * cross-entropy over the pixels) plus the KL divergence of the code's distribution from N(0, I),
 * minimised with Adam through the reparameterised sample. Mini-batches are random digits; the paper's
 * clamped batches (one scene factor varying, all but one code unit held to the batch mean) need
 * data labelled by factor, which the digits are not. Returns the mean loss (nats per image) per epoch.
 * The kernel gradients (the convolution's and the transposed convolution's), the pooling's and the
 * biases go through faster CPU kernels (src/network/kernels), which compute the same sums.
 */
export const trainDcign: typeof trainElbo = (model, images, options) => {
  useFastConvolutionGradients();
  useFastMaxPoolGradients();
  useFastBiasKernels();
  return trainElbo(model, images, options);
};

export default defineArchitecture<DcignConfig>({
  id: 'dcign',
  name: 'Deep convolutional inverse graphics network',
  abbreviation: 'DC-IGN',
  year: 2015,
  paper: {
    authors: ['Tejas D. Kulkarni', 'William F. Whitney', 'Pushmeet Kohli', 'Joshua B. Tenenbaum'],
    title: 'Deep convolutional inverse graphics network',
    venue: 'Advances in Neural Information Processing Systems 28 (NIPS 2015)',
    year: 2015,
    url: 'https://arxiv.org/abs/1503.03167',
  },
  training: {
    method: 'backpropagation through a reparameterised sample (maximising the variational lower bound)',
    summary: 'Every kernel and dense weight is trained by gradient descent on reconstruction loss plus the KL divergence of the code from a standard normal prior; pooling and the sampling step have no weights.',
  },
  summary: 'A variational autoencoder built from convolutions: a convolutional encoder infers a probabilistic “graphics code” for an image, and a deconvolutional decoder renders the image back from a sample of it.',
  // Autoencoders rather than convolutional: what makes it a DC-IGN is the encode–sample–decode
  // hourglass trained to reproduce its input; the convolutions are how each half is built.
  family: 'autoencoder',
  views: ['cells', 'layers'],
  configs: {
    diagram: { input: [1, 6], filters: 1, kernel: [1, 3], pool: [1, 2], latent: 2, seed: 5 },
    demo: { input: [8, 8], filters: 16, kernel: [3, 3], pool: [2, 2], latent: 4, seed: 5 },
  },
  configSchema,
  build,
  shapes: (c) => ({ input: [product(c.input)], output: [product(c.input)] }),
});
