import * as tf from '@tensorflow/tfjs';
import * as z from 'zod/mini';
import deepResidualNetwork from './deep-residual-network';
import { defineArchitecture } from '../architecture/define';
import { count, counts, fields, seed, type ConfigOf } from '../architecture/config-schema';
import { useFastConvolutionGradients } from '../network/kernels/conv2d-backprop-filter';

const flag = () => z.boolean({ error: 'expected true or false' });

const configSchema = fields({
  /** Image height, width and channels: [224, 224, 3] on ImageNet. */
  input: counts(),
  /** The stem convolution: its filters, kernel side and stride (64, 7 and 2 on ImageNet). */
  stemFilters: count(),
  stemKernel: count(),
  stemStride: count(),
  /** A 3×3 max pooling with stride 2 after the stem, as on ImageNet; small images leave it out. */
  stemPool: flag(),
  /** Bottleneck blocks in each stage: [3, 4, 6, 3] in ResNet-50 (conv2_x … conv5_x). */
  blocks: counts(),
  /** Bottleneck width of each stage, the filters of its 1×1 and 3×3 convolutions: [64, 128, 256, 512]. */
  widths: counts(),
  /** A block's output has `expansion` × its width channels: 4 in ResNet-50. */
  expansion: count(),
  classes: count(),
  /** Biases in the convolutions: Keras Applications has them, torchvision does not (batch normalisation follows each convolution either way). */
  convolutionBias: flag(),
  /** With shortcuts (the residual network) or without (its plain twin: same layers, same start, no shortcut and no addition). */
  skips: flag(),
  seed: seed(),
});
export type ResNetConfig = ConfigOf<typeof configSchema>;

/** Keras Applications' epsilon for every batch normalisation of ResNet-50. */
export const BN_EPSILON = 1.001e-5;

/** The name of stage s (0-based) as Keras and the paper's table call it: conv2 … conv5 in ResNet-50. */
export const stageName = (s: number): string => `conv${s + 2}`;

/** Layers of weights on the longest path: the stem, three convolutions per block, the classifier (50 in ResNet-50). */
export const depthOf = (config: Pick<ResNetConfig, 'blocks'>): number => 2 + 3 * config.blocks.reduce((a, b) => a + b, 0);

/** A small stable number from a layer name, so a layer starts with the same weights in both twins. */
function nameSeed(name: string, seed: number): number {
  let hash = seed >>> 0;
  for (const char of name) hash = (Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0) % 2 ** 31;
  return hash;
}

/**
 * ResNet as He et al. built it for ImageNet, with Keras Applications' layer names: a stem
 * (zero-padding, a strided convolution, batch normalisation, ReLU, and an optional padded 3×3/2 max
 * pooling), then stages of bottleneck blocks, then global average pooling and a softmax classifier.
 *
 * A bottleneck block squeezes its input with a 1×1 convolution to `width` channels (`_1_conv`),
 * works on that with a 3×3 (`_2_conv`) and widens it again with a 1×1 to `expansion × width`
 * (`_3_conv`), each followed by batch normalisation and all but the last by ReLU. Its shortcut is
 * added (`_add`) before the last ReLU (`_out`). The first block of a stage changes the number of
 * channels, and from the second stage on halves the image: its shortcut is a projection, a strided
 * 1×1 convolution plus batch normalisation (`_0_conv`, `_0_bn`), and, as in Keras, the stride sits
 * on the block's first 1×1 convolution (torchvision puts it on the 3×3). Every other block's
 * shortcut is the identity. `skips: false` leaves out every shortcut and addition and nothing else:
 * the plain network of the paper's comparison, whose layers start from the same weights.
 */
function build(config: ResNetConfig): tf.LayersModel {
  const { blocks, widths } = config;
  if (config.input.length !== 3) throw new Error(`resnet-50: expected input to be [height, width, channels], but got [${config.input.join(', ')}]`);
  if (widths.length !== blocks.length) throw new Error(`resnet-50: expected one width per stage (${blocks.length}), but got ${widths.length}`);
  const apply = (layer: tf.layers.Layer, x: tf.SymbolicTensor | tf.SymbolicTensor[]) => layer.apply(x) as tf.SymbolicTensor;
  const conv = (x: tf.SymbolicTensor, name: string, filters: number, kernelSize: number, strides = 1, padding: 'valid' | 'same' = 'valid') =>
    apply(
      tf.layers.conv2d({
        name,
        filters,
        kernelSize,
        strides,
        padding,
        useBias: config.convolutionBias,
        // He et al. initialise as in their "Delving deep into rectifiers": He normal.
        kernelInitializer: tf.initializers.heNormal({ seed: nameSeed(name, config.seed) }),
      }),
      x,
    );
  const norm = (x: tf.SymbolicTensor, name: string) => apply(tf.layers.batchNormalization({ name, axis: -1, epsilon: BN_EPSILON }), x);
  const relu = (x: tf.SymbolicTensor, name: string) => apply(tf.layers.activation({ name, activation: 'relu' }), x);

  const input = tf.input({ shape: [...config.input], name: 'input' });
  const pad = Math.floor(config.stemKernel / 2);
  let x = apply(tf.layers.zeroPadding2d({ name: 'conv1_pad', padding: [[pad, pad], [pad, pad]] }), input);
  x = relu(norm(conv(x, 'conv1_conv', config.stemFilters, config.stemKernel, config.stemStride), 'conv1_bn'), 'conv1_relu');
  if (config.stemPool) {
    x = apply(tf.layers.zeroPadding2d({ name: 'pool1_pad', padding: [[1, 1], [1, 1]] }), x);
    x = apply(tf.layers.maxPooling2d({ name: 'pool1_pool', poolSize: 3, strides: 2 }), x);
  }
  blocks.forEach((count, s) => {
    const width = widths[s]!;
    for (let b = 1; b <= count; b++) {
      const name = `${stageName(s)}_block${b}`;
      const stride = b === 1 && s > 0 ? 2 : 1;
      const shortcut = !config.skips ? null : b === 1 ? norm(conv(x, `${name}_0_conv`, config.expansion * width, 1, stride), `${name}_0_bn`) : x;
      let y = relu(norm(conv(x, `${name}_1_conv`, width, 1, stride), `${name}_1_bn`), `${name}_1_relu`);
      y = relu(norm(conv(y, `${name}_2_conv`, width, 3, 1, 'same'), `${name}_2_bn`), `${name}_2_relu`);
      y = norm(conv(y, `${name}_3_conv`, config.expansion * width, 1), `${name}_3_bn`);
      if (shortcut) y = apply(tf.layers.add({ name: `${name}_add` }), [shortcut, y]);
      x = relu(y, `${name}_out`);
    }
  });
  x = apply(tf.layers.globalAveragePooling2d({ name: 'avg_pool' }), x);
  const predictions = tf.layers.dense({
    name: 'predictions',
    units: config.classes,
    activation: 'softmax',
    kernelInitializer: tf.initializers.glorotUniform({ seed: nameSeed('predictions', config.seed) }),
  });
  return tf.model({ inputs: input, outputs: apply(predictions, x), name: config.skips ? 'resnet' : 'plain' });
}

export interface TwinTraining {
  /** Mini-batch steps for each network. */
  readonly steps: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** Called after every step with both networks' losses so far; awaited, so a caller can report or yield. */
  readonly onStep?: (losses: TwinLosses) => void | Promise<void>;
}

/** The training loss (cross-entropy of the batch, in training mode) at every step. */
export interface TwinLosses {
  readonly plain: readonly number[];
  readonly residual: readonly number[];
}

/** He et al.'s optimiser: SGD with momentum 0.9. */
const MOMENTUM = 0.9;

/** The two networks of the comparison, both built by the definition at one config: with `skips: false` and with `skips: true`. */
export interface Twins {
  readonly plain: tf.LayersModel;
  readonly residual: tf.LayersModel;
}

/**
 * Trains the plain network and the residual one the same way, step by step in turn: SGD with
 * momentum on categorical cross-entropy, the same mini-batches in the same order (images taken in
 * turn, wrapping round). Built from one config they start from the same weights (every layer's seed
 * comes from its name). Images arrive flat, row by row, as the networks' input holds them. Returns
 * both loss curves; the optimisers are disposed, the models are the caller's.
 */
export async function trainTwins(twins: Twins, images: readonly Float32Array[], labels: readonly number[], options: TwinTraining): Promise<TwinLosses> {
  useFastConvolutionGradients();
  const input = twins.residual.inputs[0]!.shape.slice(1) as number[];
  const classes = (twins.residual.outputs[0]!.shape as number[]).at(-1)!;
  const trained = [twins.plain, twins.residual].map((model) => {
    const optimizer = tf.train.momentum(options.learningRate, MOMENTUM);
    model.compile({ optimizer, loss: 'categoricalCrossentropy' });
    return { model, optimizer, losses: [] as number[] };
  });
  const [plain, residual] = trained as [(typeof trained)[0], (typeof trained)[0]];
  const size = input.reduce((a, b) => a * b, 1);
  try {
    for (let step = 0; step < options.steps; step++) {
      const picked = Array.from({ length: options.batchSize }, (_, k) => (step * options.batchSize + k) % images.length);
      const pixels = new Float32Array(picked.length * size);
      picked.forEach((n, k) => pixels.set(images[n]!, k * size));
      const xs = tf.tensor(pixels, [picked.length, ...input]);
      const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(picked.map((n) => labels[n]!), 'int32'), classes).toFloat());
      try {
        for (const twin of trained) twin.losses.push((await twin.model.trainOnBatch(xs, ys)) as number);
      } finally {
        tf.dispose([xs, ys]);
      }
      await options.onStep?.({ plain: plain.losses, residual: residual.losses });
    }
    return { plain: plain.losses, residual: residual.losses };
  } finally {
    for (const { optimizer } of trained) {
      optimizer.dispose();
      // tfjs 4.22's MomentumOptimizer.dispose frees its accumulators and momentum but not the
      // learning-rate scalar of the SGDOptimizer it extends: one tensor left per optimizer.
      tf.SGDOptimizer.prototype.dispose.call(optimizer);
    }
  }
}

/** ResNet-50 as Keras Applications builds it (`ResNet50(include_top=True)`): 224×224×3, 1000 classes, convolutions with biases. */
const canonical: ResNetConfig = {
  input: [224, 224, 3],
  stemFilters: 64,
  stemKernel: 7,
  stemStride: 2,
  stemPool: true,
  blocks: [3, 4, 6, 3],
  widths: [64, 128, 256, 512],
  expansion: 4,
  classes: 1000,
  convolutionBias: true,
  skips: true,
  seed: 1,
};

/** torchvision's `resnet50()`: the same layers, no convolution biases. */
export const torchvisionConfig: ResNetConfig = { ...canonical, convolutionBias: false };

export default defineArchitecture<ResNetConfig>({
  id: 'resnet-50',
  name: 'ResNet-50',
  abbreviation: 'ResNet',
  year: 2015,
  // The same publication as the deep residual network's, stated once there.
  paper: deepResidualNetwork.paper,
  training: {
    method: 'backpropagation',
    summary: 'Every convolution kernel, batch-normalisation scale and shift and classifier weight is trained by backpropagation; the identity shortcuts have no weights, the projection shortcuts are trained like any convolution, and the batch-normalisation means and variances are running averages, not trained.',
  },
  summary: 'The 50-layer ImageNet residual network: a strided stem, then 16 bottleneck blocks (1×1 squeeze, 3×3, 1×1 widen) in four stages, each block adding its input back through a shortcut, then global average pooling and a 1000-way softmax.',
  family: 'convolutional',
  views: ['layers', 'layers-expanded'],
  configSchema,
  configs: {
    // Two one-block stages on a 6×6 image: each block kind (projection, stride) once, cheap to run.
    diagram: { ...canonical, input: [6, 6, 1], stemFilters: 4, stemKernel: 3, stemStride: 1, stemPool: false, blocks: [1, 1], widths: [2, 2], classes: 3 },
    // 8×8 digits, a stride-2 stem to 4×4, then four bottleneck blocks 4 wide (16 channels out): 14 layers deep.
    demo: { ...canonical, input: [8, 8, 1], stemFilters: 8, stemKernel: 3, stemStride: 2, stemPool: false, blocks: [4], widths: [4], classes: 10, convolutionBias: false },
    canonical,
  },
  published: {
    params: 25_636_712,
    source: 'Keras Applications ResNet50, include_top=True: convolutions with biases, and batch normalisation’s 53,120 running means and variances counted',
    url: 'https://github.com/keras-team/keras/blob/master/keras/src/applications/resnet.py',
  },
  build,
  shapes: (c) => ({ input: [...c.input], output: [c.classes] }),
});
