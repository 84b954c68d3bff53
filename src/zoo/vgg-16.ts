import * as tf from '@tensorflow/tfjs';
import { defineArchitecture } from '../architecture/define';
import { count, counts, fields, seed, type ConfigOf } from '../architecture/config-schema';

const configSchema = fields({
  /** The image: [height, width, channels]. */
  input: counts(),
  /** Convolutions in each stage; a 2×2 max-pooling layer closes every stage. */
  stages: counts(),
  /** Feature maps of every convolution in each stage: one entry per stage. */
  filters: counts(),
  /** Kernel side of every convolution: 3 in VGG; 5 for the single-layer alternative the demo compares. */
  kernel: count(),
  /** Units of the fully connected ReLU layers between the last pool and the classifier. */
  dense: counts(),
  classes: count(),
  seed: seed(),
});
export type VggConfig = ConfigOf<typeof configSchema>;

/** Side the image has left after `stages` 2×2 poolings (each halves it, rounding down). */
const pooledSide = (side: number, stages: number) => Math.floor(side / 2 ** stages);

/** The first problem with a config that the schema alone cannot see, or undefined. */
export function vggProblem(config: VggConfig): string | undefined {
  if (config.input.length !== 3) return `expected input to be [height, width, channels], but got [${config.input.join(', ')}]`;
  if (config.filters.length !== config.stages.length)
    return `expected one filters entry per stage (${config.stages.length}), but got ${config.filters.length}: [${config.filters.join(', ')}]`;
  const [height, width] = config.input as [number, number, number];
  if (pooledSide(Math.min(height, width), config.stages.length) < 1)
    return `a ${height}×${width} image cannot be halved ${config.stages.length} times (one 2×2 pooling per stage)`;
  return undefined;
}

/**
 * Simonyan and Zisserman's plain deep stack, named as Keras Applications names VGG16's layers:
 * stage s is `blocks[s-1]` convolutions `block<s>_conv<i>` (kernel × kernel, stride 1, padding
 * "same", ReLU), closed by a 2×2 max-pooling `block<s>_pool` that halves the image; then `flatten`,
 * the fully connected ReLU layers `fc1`, `fc2`, … and the softmax classifier `predictions`. Weights
 * start Glorot-uniform (Keras's default), each layer from its own seed.
 */
function build(config: VggConfig): tf.LayersModel {
  const problem = vggProblem(config);
  if (problem) throw new Error(`vgg-16: ${problem}`);
  let seed = config.seed;
  const init = () => tf.initializers.glorotUniform({ seed: seed++ });
  const input = tf.input({ shape: [...config.input], name: 'input' });
  let x: tf.SymbolicTensor = input;
  config.stages.forEach((convolutions, s) => {
    for (let i = 1; i <= convolutions; i++) {
      x = tf.layers
        .conv2d({ filters: config.filters[s]!, kernelSize: config.kernel, padding: 'same', activation: 'relu', name: `block${s + 1}_conv${i}`, kernelInitializer: init() })
        .apply(x) as tf.SymbolicTensor;
    }
    x = tf.layers.maxPooling2d({ poolSize: 2, strides: 2, name: `block${s + 1}_pool` }).apply(x) as tf.SymbolicTensor;
  });
  x = tf.layers.flatten({ name: 'flatten' }).apply(x) as tf.SymbolicTensor;
  config.dense.forEach((units, i) => {
    x = tf.layers.dense({ units, activation: 'relu', name: `fc${i + 1}`, kernelInitializer: init() }).apply(x) as tf.SymbolicTensor;
  });
  const output = tf.layers.dense({ units: config.classes, activation: 'softmax', name: 'predictions', kernelInitializer: init() }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output, name: 'vgg16' });
}

/**
 * Weights (biases left out) of the convolutions of one stage, from `inChannels` to `filters`: the
 * figure the paper's section 2.3 argument is about. Two 3×3 layers of C channels hold 2·9·C², one
 * 5×5 layer 25·C², for the same 5×5 view of the image.
 */
export function stageKernelWeights(inChannels: number, filters: number, convolutions: number, kernel: number): number {
  return kernel * kernel * filters * (inChannels + (convolutions - 1) * filters);
}

/**
 * Side of the square of input pixels one cell at the end of a stack of `convolutions` stride-1
 * convolutions of side `kernel` depends on (before any pooling): each layer adds kernel − 1.
 */
export const receptiveField = (convolutions: number, kernel: number): number => 1 + convolutions * (kernel - 1);

export default defineArchitecture<VggConfig>({
  id: 'vgg-16',
  name: 'VGG-16',
  abbreviation: 'VGG',
  year: 2014,
  paper: {
    authors: ['Karen Simonyan', 'Andrew Zisserman'],
    title: 'Very deep convolutional networks for large-scale image recognition',
    venue: 'arXiv:1409.1556; ICLR 2015',
    year: 2014,
    url: 'https://arxiv.org/abs/1409.1556',
  },
  training: {
    method: 'backpropagation',
    summary: 'Every kernel weight and every weight of the fully connected layers is trained by backpropagation; the max-pooling layers have nothing to train.',
  },
  summary: 'Thirteen 3×3 convolutions in five stages, each stage closed by a 2×2 max-pool, then three fully connected layers: depth built from the smallest kernel that still sees a centre and its neighbours.',
  family: 'convolutional',
  views: ['layers', 'layers-expanded'],
  configs: {
    // For the registry's forward-pass checks only: two small stages on an 8×8 image.
    diagram: { input: [8, 8, 1], stages: [2, 1], filters: [2, 3], kernel: 3, dense: [4], classes: 3, seed: 1 },
    // The demo's network: two stages of two 3×3 convolutions on the 8×8 digits, widths doubling.
    demo: { input: [8, 8, 1], stages: [2, 2], filters: [4, 8], kernel: 3, dense: [16], classes: 10, seed: 1 },
    // Configuration D of the paper's Table 1, as Keras Applications builds it.
    canonical: { input: [224, 224, 3], stages: [2, 2, 3, 3, 3], filters: [64, 128, 256, 512, 512], kernel: 3, dense: [4096, 4096], classes: 1000, seed: 1 },
  },
  published: {
    params: 138_357_544,
    source: 'Keras Applications VGG16 (include_top=True); torchvision’s vgg16 has the same count',
    url: 'https://github.com/keras-team/keras/blob/master/keras/src/applications/vgg16.py',
  },
  configSchema,
  build,
  shapes: (c) => ({ input: [...c.input], output: [c.classes] }),
});
