import * as tf from '@tensorflow/tfjs';
import { defineArchitecture } from '../architecture/define';
import { count, counts, fields, seed, type ConfigOf } from '../architecture/config-schema';
import { fitEpochs, type EpochOptions } from '../network/training/backprop';

const configSchema = fields({
  /** Spatial shape of the input, one channel: [length] for a 1-D signal, [height, width] for an image. */
  input: counts(),
  /** Feature maps of the convolution: one kernel each. */
  filters: count(),
  /** Kernel side (the same in every spatial dimension). */
  kernel: count(),
  /** Max-pooling window side, and its stride. */
  pool: count(),
  classes: count(),
  seed: seed(),
});
export type ConvolutionalConfig = ConfigOf<typeof configSchema>;

const product = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1);

/**
 * LeCun's recipe at its smallest: one convolution (each cell sees a small window, and every window
 * uses the same kernel), one max-pooling layer that keeps the strongest response in each patch, and a
 * dense softmax head. The input arrives flat and is reshaped, so every pixel is an input cell. A 1-D
 * input gets Conv1D/MaxPooling1D, a 2-D one Conv2D/MaxPooling2D: the same network, one axis more.
 */
function build(config: ConvolutionalConfig): tf.LayersModel {
  const rank = config.input.length;
  if (rank !== 1 && rank !== 2) throw new Error(`convolutional-network: expected input to have 1 or 2 dimensions, but got [${config.input.join(', ')}]`);
  const input = tf.input({ shape: [product(config.input)], name: 'input' });
  const image = tf.layers.reshape({ targetShape: [...config.input, 1], name: 'image' }).apply(input);
  const convOptions = {
    filters: config.filters,
    kernelSize: config.kernel,
    activation: 'relu' as const,
    name: 'convolution',
    kernelInitializer: tf.initializers.heNormal({ seed: config.seed }),
  };
  const conv = rank === 1 ? tf.layers.conv1d(convOptions) : tf.layers.conv2d(convOptions);
  const pool =
    rank === 1 ? tf.layers.maxPooling1d({ poolSize: config.pool, name: 'pool' }) : tf.layers.maxPooling2d({ poolSize: config.pool, name: 'pool' });
  const flat = tf.layers.flatten({ name: 'flatten' }).apply(pool.apply(conv.apply(image)));
  const output = tf.layers.dense({
    units: config.classes,
    activation: 'softmax',
    name: 'output',
    kernelInitializer: tf.initializers.glorotUniform({ seed: config.seed + 1 }),
  });
  return tf.model({ inputs: input, outputs: output.apply(flat) as tf.SymbolicTensor, name: 'convolutional-network' });
}

export type TrainOptions = EpochOptions;

/**
 * Backpropagation with Adam on categorical cross-entropy, mini-batches in a fixed order so a seeded
 * model trains to the same weights each time. Gradients of the shared kernel sum over every window
 * that uses it: that is how one kernel learns from the whole image. Returns the loss per epoch.
 */
export async function trainClassifier(
  model: tf.LayersModel,
  images: readonly Float32Array[],
  labels: readonly number[],
  classes: number,
  options: TrainOptions,
): Promise<number[]> {
  const xs = stack(images);
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(labels as number[], 'int32'), classes).toFloat());
  try {
    return await fitEpochs(model, xs, ys, 'categoricalCrossentropy', options);
  } finally {
    tf.dispose([xs, ys]);
  }
}

/** Rows of equal length as one [n, length] tensor. */
export function stack(rows: readonly Float32Array[]): tf.Tensor2D {
  const length = rows[0]?.length ?? 0;
  const flat = new Float32Array(rows.length * length);
  rows.forEach((row, i) => flat.set(row, i * length));
  return tf.tensor2d(flat, [rows.length, length]);
}

/** The most probable class for each input row. */
export function predictClasses(model: tf.LayersModel, images: readonly Float32Array[]): number[] {
  return tf.tidy(() => Array.from((model.predict(stack(images)) as tf.Tensor2D).argMax(1).dataSync()));
}

/** Fraction of rows whose predicted class is the label. */
export function accuracy(model: tf.LayersModel, images: readonly Float32Array[], labels: readonly number[]): number {
  const predicted = predictClasses(model, images);
  return predicted.filter((p, i) => p === labels[i]).length / labels.length;
}

/** The learned kernels, one array of taps per filter (row-major over the kernel window). */
export function kernels(model: tf.LayersModel): number[][] {
  const [kernel] = model.getLayer('convolution').getWeights();
  const values = Array.from(kernel!.dataSync());
  const filters = kernel!.shape.at(-1)!;
  return Array.from({ length: filters }, (_, f) => values.filter((_, i) => i % filters === f));
}

export default defineArchitecture<ConvolutionalConfig>({
  id: 'convolutional-network',
  name: 'Convolutional neural network',
  abbreviation: 'CNN',
  year: 1989,
  // The 1989 paper, where a convolutional network was first trained end to end by backpropagation;
  // LeNet-5 (LeCun, Bottou, Bengio & Haffner 1998) is the later refinement, for an article of its own.
  paper: {
    authors: ['Yann LeCun', 'Bernhard Boser', 'John S. Denker', 'Donnie Henderson', 'Richard E. Howard', 'Wayne Hubbard', 'Lawrence D. Jackel'],
    title: 'Backpropagation applied to handwritten zip code recognition',
    venue: 'Neural Computation 1(4), 541–551',
    year: 1989,
    url: 'https://doi.org/10.1162/neco.1989.1.4.541',
  },
  training: {
    method: 'backpropagation',
    summary: 'Every kernel weight and every weight of the dense head is trained by backpropagation; a kernel weight’s gradient sums over all the windows that share it. Pooling has nothing to train.',
  },
  summary: 'Cells that each see a small window of the input through one shared kernel, followed by pooling and a dense head: few weights, and a pattern learned in one place is recognised everywhere.',
  family: 'convolutional',
  views: ['cells', 'layers'],
  configs: {
    diagram: { input: [8], filters: 1, kernel: 3, pool: 2, classes: 2, seed: 7 },
    demo: { input: [8, 8], filters: 6, kernel: 3, pool: 2, classes: 10, seed: 7 },
  },
  configSchema,
  build,
  shapes: (c) => ({ input: [product(c.input)], output: [c.classes] }),
});
