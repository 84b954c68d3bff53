import * as tf from '@tensorflow/tfjs';
import * as z from 'zod/mini';
import { count, counts, fields, seed, type ConfigOf } from '../architecture/config-schema';
import { useFastMaxPoolGradients } from './kernels/max-pool-grad';
import { convolvedSide, groupedConv2d } from './layers/grouped-conv2d';
import { localResponseNormalization } from './layers/local-response-normalization';

/**
 * The layout AlexNet (2012) set for ImageNet and ZFNet (2013) refined: a stack of convolutions, each
 * followed by a ReLU (or tanh) and, where the paper says, local response normalisation and
 * overlapping max pooling, then dense layers with dropout and a softmax. Both definitions build
 * from this one function; only their tables of layers differ.
 */

/** What follows a convolution, in order: response normalisation, or max pooling (tfjs `valid`, or `same` where a figure's sizes need it). */
const step = z.enum(['norm', 'pool', 'pool-same'], { error: 'expected "norm", "pool" or "pool-same"' });

const convolution = z.strictObject(
  {
    filters: count(),
    /** Kernel side. */
    kernel: count(),
    stride: count(),
    /** Zero cells added on every side of the input (Caffe's `pad`, torchvision's `padding`). */
    padding: z.int({ error: 'expected an integer ≥ 0' }).check(z.gte(0, { error: 'expected an integer ≥ 0' })),
    /** 1: an ordinary convolution; 2: AlexNet's two GPUs, each filter reading only its own GPU's channels. */
    groups: count(),
    after: z.array(step, { error: 'expected a list of "norm", "pool" or "pool-same"' }),
  },
  { error: 'expected a convolution { filters, kernel, stride, padding, groups, after }' },
);

export const imagenetConvnetSchema = fields({
  /** Side of the square input image, in pixels. */
  input: count(),
  channels: count(),
  convolutions: z.array(convolution, { error: 'expected a list of convolutions' }).check(z.minLength(1, { error: 'expected at least one convolution' })),
  /** Max-pooling window side and stride: 3 and 2 overlap (AlexNet), 2 and 2 do not. */
  pool: z.strictObject({ size: count(), stride: count() }, { error: 'expected { size, stride }' }),
  /** Units of the hidden dense layers (AlexNet: 4096, 4096). */
  dense: counts(),
  /** Dropout rate after each hidden dense layer (0: none, no Dropout layer). */
  dropout: z.number({ error: 'expected a number with 0 ≤ value < 1' }).check(z.gte(0, { error: 'expected a number with 0 ≤ value < 1' }), z.lt(1, { error: 'expected a number with 0 ≤ value < 1' })),
  classes: count(),
  /** The nonlinearity after every convolution and hidden dense layer. */
  activation: z.enum(['relu', 'tanh'], { error: 'expected "relu" or "tanh"' }),
  seed: seed(),
});
export type ImagenetConvnetConfig = ConfigOf<typeof imagenetConvnetSchema>;
export type ConvolutionSpec = ImagenetConvnetConfig['convolutions'][number];

/** AlexNet's response normalisation, section 3.3: n = 5, k = 2, α = 10⁻⁴, β = 0.75 (ZFNet's "contrast normalisation" gives no constants; we use these). */
export const ALEXNET_LRN = { size: 5, k: 2, alpha: 1e-4, beta: 0.75 } as const;

/** A padding of (k − 1)/2 at stride 1 is exactly tfjs's `same`; any other is a ZeroPadding2D layer before a `valid` convolution. */
const isSame = (c: ConvolutionSpec) => c.stride === 1 && 2 * c.padding === c.kernel - 1;

/**
 * The network, layers named as Caffe's bvlc_alexnet names them: conv1…conv5 (with conv<n>_pad where
 * a padding is no `same`), norm<n>, pool<n>, then fc6, fc7 (with drop6, drop7) and the softmax
 * classifier fc8 (numbered on from the convolutions, so fewer convolutions give fewer numbers).
 * Every convolution is a GroupedConv2D, with 1 group where the paper's GPUs shared their maps (tfjs
 * has no grouped Conv2D; ours also trains some 30 times faster on the CPU backend, see its file). Weights are He-normal, seeded; dropout is unseeded (tfjs would reuse one seeded mask on
 * every step), so only a network without dropout trains to the same weights every time.
 */
export function buildImagenetConvnet(config: ImagenetConvnetConfig, name: string): tf.LayersModel {
  layerTable(config); // refuses, by layer, a table whose maps vanish or whose groups do not divide
  const input = tf.input({ shape: [config.input, config.input, config.channels], name: 'input' });
  let seed = config.seed;
  let x = input;
  const apply = (layer: tf.layers.Layer) => (x = layer.apply(x) as tf.SymbolicTensor);
  config.convolutions.forEach((c, i) => {
    const n = i + 1;
    if (c.padding > 0 && !isSame(c)) apply(tf.layers.zeroPadding2d({ padding: c.padding, name: `conv${n}_pad` }));
    const padding = isSame(c) ? 'same' : 'valid';
    apply(groupedConv2d({ filters: c.filters, kernelSize: c.kernel, strides: c.stride, padding, groups: c.groups, activation: config.activation, seed: seed++, name: `conv${n}` }));
    for (const s of c.after)
      apply(
        s === 'norm'
          ? localResponseNormalization({ ...ALEXNET_LRN, name: `norm${n}` })
          : tf.layers.maxPooling2d({ poolSize: config.pool.size, strides: config.pool.stride, padding: s === 'pool' ? 'valid' : 'same', name: `pool${n}` }),
      );
  });
  apply(tf.layers.flatten({ name: 'flatten' }));
  const first = config.convolutions.length + 1;
  config.dense.forEach((units, i) => {
    apply(tf.layers.dense({ units, activation: config.activation, name: `fc${first + i}`, kernelInitializer: tf.initializers.heNormal({ seed: seed++ }) }));
    if (config.dropout > 0) apply(tf.layers.dropout({ rate: config.dropout, name: `drop${first + i}` }));
  });
  const classifier = `fc${first + config.dense.length}`;
  apply(tf.layers.dense({ units: config.classes, activation: 'softmax', name: classifier, kernelInitializer: tf.initializers.glorotUniform({ seed: seed++ }) }));
  return tf.model({ inputs: input, outputs: x, name });
}

/** One row of a network's table, as a paper prints it: a layer, its output side and channels, its parameters. */
export interface LayerRow {
  readonly layer: string;
  /** Output height = width (1 for a dense layer). */
  readonly side: number;
  readonly channels: number;
  readonly params: number;
}

/**
 * The table of weighted layers of `config`, worked out from the config alone (no tfjs): each
 * convolution's output side and its k·k·(Cin/g)·Cout + Cout parameters, each pooling's side, each
 * dense layer's in·out + out. What an article's table prints, and a count of a network too large to
 * build in a test. Throws, naming the layer, where a kernel or a pooling window does not fit its input
 * or the groups do not divide a layer's channels.
 */
export function layerTable(config: ImagenetConvnetConfig): LayerRow[] {
  const rows: LayerRow[] = [];
  let side = config.input;
  let channels = config.channels;
  config.convolutions.forEach((c, i) => {
    const padded = side + (isSame(c) ? 0 : 2 * c.padding);
    const at = `conv${i + 1}`;
    if (channels % c.groups !== 0 || c.filters % c.groups !== 0)
      throw new Error(`${at}: expected its ${channels} input channels and ${c.filters} filters to be multiples of its ${c.groups} groups`);
    if (!isSame(c) && padded < c.kernel) throw new Error(`${at}: a ${c.kernel}×${c.kernel} kernel does not fit its ${padded}×${padded} input`);
    side = convolvedSide(padded, c.kernel, c.stride, isSame(c) ? 'same' : 'valid');
    rows.push({ layer: `conv${i + 1}`, side, channels: c.filters, params: c.kernel * c.kernel * (channels / c.groups) * c.filters + c.filters });
    channels = c.filters;
    for (const s of c.after)
      if (s !== 'norm') {
        if (s === 'pool' && side < config.pool.size)
          throw new Error(`pool${i + 1}: a ${config.pool.size}×${config.pool.size} window does not fit its ${side}×${side} input (use "pool-same", or a larger input)`);
        side = convolvedSide(side, config.pool.size, config.pool.stride, s === 'pool' ? 'valid' : 'same');
        rows.push({ layer: `pool${i + 1}`, side, channels, params: 0 });
      }
  });
  let features = side * side * channels;
  [...config.dense, config.classes].forEach((units, i) => {
    rows.push({ layer: `fc${config.convolutions.length + 1 + i}`, side: 1, channels: units, params: features * units + units });
    features = units;
  });
  return rows;
}

export interface ImageTrainingOptions {
  readonly epochs: number;
  readonly learningRate: number;
  /** Momentum of stochastic gradient descent (AlexNet: 0.9). */
  readonly momentum: number;
  readonly batchSize: number;
  /** Called after each epoch with the error on the training images (share misclassified); awaited, so a caller can yield or stop. */
  readonly onEpoch?: (epoch: number, trainingError: number) => void | Promise<void>;
  /**
   * Called after each mini-batch step with its loss (the cross-entropy of the batch it just stepped
   * on), `batch` counting from 1 within the epoch; awaited, so two trainings can take turns.
   */
  readonly onBatch?: (epoch: number, batch: number, batches: number, loss: number) => void | Promise<void>;
}

/** Square grey images, one Float32Array of side² values each, as one [n, side, side, 1] tensor. */
export function imageBatch(images: readonly Float32Array[], side: number): tf.Tensor4D {
  const flat = new Float32Array(images.length * side * side);
  images.forEach((image, i) => flat.set(image, i * side * side));
  return tf.tensor4d(flat, [images.length, side, side, 1]);
}

/** Share of `images` the model puts in the wrong class. */
export function classificationError(model: tf.LayersModel, xs: tf.Tensor4D, labels: readonly number[]): number {
  const predicted = tf.tidy(() => (model.predict(xs) as tf.Tensor2D).argMax(1).dataSync());
  return labels.filter((label, i) => predicted[i] !== label).length / labels.length;
}

/**
 * Stochastic gradient descent with momentum on the categorical cross-entropy, as AlexNet was trained
 * (without its weight decay), mini-batches in a fixed order, so a seeded network without dropout
 * trains to the same weights every time. Returns the training error after each epoch. On the CPU
 * backend, max pooling's gradient runs on a faster kernel with the same results (kernels/max-pool-grad.ts).
 */
export async function trainImageClassifier(
  model: tf.LayersModel,
  images: readonly Float32Array[],
  labels: readonly number[],
  options: ImageTrainingOptions,
): Promise<number[]> {
  const side = model.inputs[0]!.shape[1]!;
  const classes = model.outputs[0]!.shape[1]!;
  const xs = imageBatch(images, side);
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(labels as number[], 'int32'), classes).toFloat());
  const optimizer = tf.train.momentum(options.learningRate, options.momentum);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  useFastMaxPoolGradients();
  const errors: number[] = [];
  const batches = Math.ceil(images.length / options.batchSize);
  try {
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      const onBatch = options.onBatch;
      await model.fit(xs, ys, {
        epochs: 1,
        batchSize: options.batchSize,
        shuffle: false,
        verbose: 0,
        ...(onBatch ? { callbacks: { onBatchEnd: (batch: number, logs?: tf.Logs) => onBatch(epoch, batch + 1, batches, logs!.loss!) } } : {}),
      });
      errors.push(classificationError(model, xs, labels));
      await options.onEpoch?.(epoch, errors.at(-1)!);
    }
    return errors;
  } finally {
    tf.dispose([xs, ys]);
    optimizer.dispose();
    // tfjs 4.22's MomentumOptimizer.dispose frees its accumulators but not the learning-rate scalar
    // its parent SGDOptimizer keeps (one tensor leaked per optimizer): the parent's dispose frees it.
    tf.SGDOptimizer.prototype.dispose.call(optimizer);
  }
}
