import * as tf from '@tensorflow/tfjs';
import { defineArchitecture } from '../architecture/define';
import { stack } from './convolutional-network';
import * as z from 'zod/mini';
import { count, fields, seed, type ConfigOf } from '../architecture/config-schema';

/** A pair of positive integers, [height, width]. */
const pair = () => z.tuple([count(), count()], { error: 'expected [height, width], two positive integers' });

const deconvLayer = fields({
  filters: count(),
  /** Kernel [height, width]. */
  kernel: pair(),
  /** Strides [height, width]: 2 doubles the map (plus the kernel's overhang, with 'valid' padding). */
  strides: pair(),
});
export type DeconvLayer = ConfigOf<typeof deconvLayer>;

const configSchema = fields({
  /** Cells of the code the image is generated from (e.g. a one-hot class). */
  code: count(),
  /** The smallest feature map, [height, width, channels], that a dense layer projects the code onto. */
  start: z.tuple([count(), count(), count()], { error: 'expected [height, width, channels], three positive integers' }),
  layers: z.array(deconvLayer, { error: 'expected a non-empty list of layers' }).check(z.minLength(1, { error: 'expected a non-empty list of layers' })),
  /** 'valid' lets each transposed convolution grow the map by its kernel's overhang; 'same' by exactly the stride. */
  padding: z.enum(['valid', 'same'], { error: "expected 'valid' or 'same'" }),
  seed: seed(),
});
export type DeconvolutionalConfig = ConfigOf<typeof configSchema>;


/** Spatial size after the transposed convolutions, as tfjs computes it. */
export function outputSize(config: DeconvolutionalConfig): [number, number] {
  return config.layers.reduce<[number, number]>(
    ([h, w], layer) =>
      config.padding === 'same'
        ? [h * layer.strides[0], w * layer.strides[1]]
        : [(h - 1) * layer.strides[0] + layer.kernel[0], (w - 1) * layer.strides[1] + layer.kernel[1]],
    [config.start[0], config.start[1]],
  );
}

const product = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1);

/**
 * A convolutional network run backwards: a code is projected onto a small feature map, and each
 * transposed convolution ("deconvolution") spreads every cell over a kernel-sized window of a larger
 * map, with one kernel shared by every position. The last one has one channel: the image, read out
 * flat. The Conv2DTranspose of a 1-pixel-high map is the 1-D case the diagram draws.
 */
function build(config: DeconvolutionalConfig): tf.LayersModel {
  const input = tf.input({ shape: [config.code], name: 'code' });
  const project = tf.layers.dense({
    units: product(config.start),
    activation: 'relu',
    name: 'project',
    kernelInitializer: tf.initializers.heNormal({ seed: config.seed }),
  });
  let x = tf.layers.reshape({ targetShape: [...config.start], name: 'feature-map' }).apply(project.apply(input)) as tf.SymbolicTensor;
  config.layers.forEach((layer, i) => {
    const last = i === config.layers.length - 1;
    x = tf.layers
      .conv2dTranspose({
        filters: layer.filters,
        kernelSize: [...layer.kernel],
        strides: [...layer.strides],
        padding: config.padding,
        activation: last ? 'sigmoid' : 'relu',
        name: last ? 'image' : `deconvolution-${i + 1}`,
        kernelInitializer: tf.initializers.heNormal({ seed: config.seed + 1 + i }),
      })
      .apply(x) as tf.SymbolicTensor;
  });
  const output = tf.layers.flatten({ name: 'pixels' }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output, name: 'deconvolutional-network' });
}

/** The average image of each class: what a deterministic generator should paint for a class code. */
export function classMeans(images: readonly Float32Array[], labels: readonly number[], classes: number): Float32Array[] {
  return Array.from({ length: classes }, (_, c) => {
    const mean = new Float32Array(images[0]?.length ?? 0);
    let count = 0;
    images.forEach((image, i) => {
      if (labels[i] !== c) return;
      count++;
      image.forEach((v, p) => (mean[p]! += v));
    });
    return mean.map((v) => v / Math.max(count, 1));
  });
}

/** One-hot rows for the given classes. */
export function oneHot(labels: readonly number[], classes: number): Float32Array[] {
  return labels.map((label) => Float32Array.from({ length: classes }, (_, k) => (k === label ? 1 : 0)));
}

/**
 * Backpropagation with Adam on the squared pixel error between generated and real images, in
 * mini-batches in a fixed order. Each shared kernel weight's gradient sums over every position it
 * paints. Returns the loss per epoch.
 */
export async function trainGenerator(
  model: tf.LayersModel,
  codes: readonly Float32Array[],
  images: readonly Float32Array[],
  options: { epochs: number; learningRate: number; batchSize: number; onEpoch?: (epoch: number, loss: number) => void | Promise<void> },
): Promise<number[]> {
  const xs = stack(codes);
  const ys = stack(images);
  const optimizer = tf.train.adam(options.learningRate);
  model.compile({ optimizer, loss: 'meanSquaredError' });
  const losses: number[] = [];
  try {
    // One fit call for all epochs: with a handful of examples, a call per epoch would cost more than the epoch.
    await model.fit(xs, ys, {
      epochs: options.epochs,
      batchSize: options.batchSize,
      shuffle: false,
      verbose: 0,
      callbacks: {
        onEpochEnd: async (epoch, logs) => {
          losses.push(logs!.loss!);
          await options.onEpoch?.(epoch + 1, logs!.loss!);
        },
      },
    });
    return losses;
  } finally {
    tf.dispose([xs, ys]);
    optimizer.dispose();
  }
}

/** The images the network paints for the given codes. */
export function generate(model: tf.LayersModel, codes: readonly Float32Array[]): Float32Array[] {
  return tf.tidy(() => {
    const out = model.predict(stack(codes)) as tf.Tensor2D;
    const [n, length] = out.shape;
    const flat = out.dataSync() as Float32Array;
    return Array.from({ length: n }, (_, i) => flat.slice(i * length, (i + 1) * length));
  });
}

export default defineArchitecture<DeconvolutionalConfig>({
  id: 'deconvolutional-network',
  name: 'Deconvolutional network',
  abbreviation: 'DN',
  year: 2010,
  paper: {
    authors: ['Matthew D. Zeiler', 'Dilip Krishnan', 'Graham W. Taylor', 'Rob Fergus'],
    title: 'Deconvolutional networks',
    venue: 'IEEE Conference on Computer Vision and Pattern Recognition (CVPR), 2528–2535',
    year: 2010,
    url: 'https://doi.org/10.1109/CVPR.2010.5539957',
  },
  training: {
    method: 'backpropagation',
    summary: 'Every weight is trained: the projection and each transposed-convolution kernel move down the gradient of the pixel error between the painted and the real image.',
  },
  summary: 'A convolutional network in reverse: a small code is projected onto a feature map and transposed convolutions spread it, through shared kernels, into a larger image.',
  family: 'convolutional',
  views: ['cells', 'layers'],
  configs: {
    diagram: {
      code: 2,
      start: [1, 2, 1],
      layers: [
        { filters: 1, kernel: [1, 3], strides: [1, 1] },
        { filters: 1, kernel: [1, 3], strides: [1, 2] },
      ],
      padding: 'valid',
      seed: 3,
    },
    demo: {
      code: 10,
      start: [2, 2, 8],
      layers: [
        { filters: 8, kernel: [3, 3], strides: [2, 2] },
        { filters: 1, kernel: [3, 3], strides: [2, 2] },
      ],
      padding: 'same',
      seed: 3,
    },
  },
  configSchema,
  build,
  shapes: (c) => ({ input: [c.code], output: [product(outputSize(c))] }),
});
