import * as tf from '@tensorflow/tfjs';
import { defineArchitecture } from '../architecture/define';
import { buildImagenetConvnet, imagenetConvnetSchema, type ImagenetConvnetConfig } from '../network/imagenet-convnet';

export type ZFNetConfig = ImagenetConvnetConfig;

const build = (config: ZFNetConfig): tf.LayersModel => buildImagenetConvnet(config, 'zfnet');

/**
 * The paper's Figure 3, on one GPU (no groups): 96 kernels of 7×7 at stride 2 (AlexNet's were 11×11
 * at stride 4), then 256 of 5×5 at stride 2, then 384, 384 and 256 of 3×3, each map rectified,
 * pooled (3×3 windows, stride 2) and, after the first two layers, "contrast normalised across feature
 * maps" (here AlexNet's response normalisation: the paper gives no constants, and it has no weights).
 * The figure's sizes, 110, 55, 26, 13, 13, 13 and 6 a side, come from padding the 224×224 input by
 * one pixel and from pooling that keeps a last, partial window where the map has one (Caffe's
 * rounding up; tfjs `same`) after the first two layers but not after the fifth (13 → 6).
 */
const canonical: ZFNetConfig = {
  input: 224,
  channels: 3,
  convolutions: [
    { filters: 96, kernel: 7, stride: 2, padding: 1, groups: 1, after: ['pool-same', 'norm'] },
    { filters: 256, kernel: 5, stride: 2, padding: 0, groups: 1, after: ['pool-same', 'norm'] },
    { filters: 384, kernel: 3, stride: 1, padding: 1, groups: 1, after: [] },
    { filters: 384, kernel: 3, stride: 1, padding: 1, groups: 1, after: [] },
    { filters: 256, kernel: 3, stride: 1, padding: 1, groups: 1, after: ['pool'] },
  ],
  pool: { size: 3, stride: 2 },
  dense: [4096, 4096],
  dropout: 0.5,
  classes: 1000,
  activation: 'relu',
  seed: 1,
};

/** Side of the enlarged digits the demo trains on: 8×8 scaled up twice. */
export const DEMO_SIDE = 16;

/**
 * The demo's ZFNet for digits enlarged to 16×16, cut down to the layer the paper changed: a first
 * layer of 16 kernels of 5×5 at stride 2, 3×3 pooling at stride 2,
 * one dense layer of 32 and the softmax. `FIRST_LAYER_ALEXNET` swaps in AlexNet's proportions.
 */
const demo: ZFNetConfig = {
  input: DEMO_SIDE,
  channels: 1,
  convolutions: [{ filters: 16, kernel: 5, stride: 2, padding: 2, groups: 1, after: ['pool-same'] }],
  pool: { size: 3, stride: 2 },
  dense: [32],
  dropout: 0,
  classes: 10,
  activation: 'relu',
  seed: 5,
};

/** AlexNet's proportions against ZFNet's at the demo's scale: larger kernels (9×9) at twice the stride (4), padded to keep a 4×4 map. */
export const FIRST_LAYER_ALEXNET: ZFNetConfig['convolutions'][number] = { filters: 16, kernel: 9, stride: 4, padding: 4, groups: 1, after: ['pool-same'] };

/** Digits moved one pixel to the right (the left column blank): what a large stride is most sensitive to. */
export function shiftRight(image: Float32Array, side: number): Float32Array {
  const out = new Float32Array(side * side);
  for (let y = 0; y < side; y++) for (let x = 1; x < side; x++) out[y * side + x] = image[y * side + x - 1]!;
  return out;
}

/** 8×8 grey images enlarged `factor` times by bilinear interpolation (pixel centres aligned), row by row. */
export function enlarge(image: Float32Array, side: number, factor: number): Float32Array {
  const big = side * factor;
  const out = new Float32Array(big * big);
  const at = (y: number, x: number) => image[Math.min(side - 1, Math.max(0, y)) * side + Math.min(side - 1, Math.max(0, x))]!;
  for (let Y = 0; Y < big; Y++)
    for (let X = 0; X < big; X++) {
      const y = (Y + 0.5) / factor - 0.5;
      const x = (X + 0.5) / factor - 0.5;
      const [y0, x0] = [Math.floor(y), Math.floor(x)];
      const [fy, fx] = [y - y0, x - x0];
      out[Y * big + X] = (1 - fy) * ((1 - fx) * at(y0, x0) + fx * at(y0, x0 + 1)) + fy * ((1 - fx) * at(y0 + 1, x0) + fx * at(y0 + 1, x0 + 1));
    }
  return out;
}

/** The first layer's kernels, one array of k·k taps per filter (row-major), for a one-channel input. */
export function firstLayerKernels(model: tf.LayersModel): number[][] {
  const kernel = model.getLayer('conv1').getWeights()[0]!;
  const values = kernel.dataSync();
  const filters = kernel.shape[3]!;
  return Array.from({ length: filters }, (_, f) => Array.from({ length: values.length / filters }, (_, t) => values[t * filters + f]!));
}

/**
 * Filters of the first layer that never respond: their rectified output is 0 at every position of
 * every one of `images` (a [n, side, side, 1] batch), so they pass nothing on and get no gradient.
 */
export function deadFirstLayerFilters(model: tf.LayersModel, images: tf.Tensor4D): number {
  return tf.tidy(() => {
    const conv1 = model.getLayer('conv1');
    const pad = model.layers.find((l) => l.name === 'conv1_pad');
    const input = pad ? (pad.apply(images) as tf.Tensor) : images;
    const peak = (conv1.apply(input) as tf.Tensor).max([0, 1, 2]).dataSync();
    return Array.from(peak).filter((v) => v <= 0).length;
  });
}

export default defineArchitecture<ZFNetConfig>({
  id: 'zfnet',
  name: 'ZFNet',
  abbreviation: 'ZFNet',
  year: 2014,
  paper: {
    authors: ['Matthew D. Zeiler', 'Rob Fergus'],
    title: 'Visualizing and understanding convolutional networks',
    venue: 'ECCV 2014, Lecture Notes in Computer Science 8689, 818–833 (arXiv:1311.2901, 2013)',
    year: 2014,
    url: 'https://arxiv.org/abs/1311.2901',
  },
  training: {
    method: 'backpropagation',
    summary: 'Every kernel and dense weight is trained by backpropagation with stochastic gradient descent and momentum; normalisation, pooling and dropout have nothing to train.',
  },
  summary:
    'AlexNet with a finer first layer (7×7 kernels at stride 2 instead of 11×11 at stride 4) and wider middle layers, chosen by looking at what each layer had learned: the network of a paper that made convolutional networks visible.',
  family: 'convolutional',
  views: ['layers'],
  configs: {
    // A forward pass through every kind of layer the canonical network has, a padded conv1 included.
    diagram: {
      ...demo,
      input: 32,
      convolutions: [
        { filters: 4, kernel: 3, stride: 2, padding: 1, groups: 1, after: ['pool-same', 'norm'] },
        { filters: 4, kernel: 3, stride: 1, padding: 0, groups: 1, after: ['pool-same', 'norm'] },
        { filters: 6, kernel: 3, stride: 1, padding: 1, groups: 1, after: [] },
        { filters: 6, kernel: 3, stride: 1, padding: 1, groups: 1, after: [] },
        { filters: 4, kernel: 3, stride: 1, padding: 1, groups: 1, after: ['pool'] },
      ],
      dense: [8, 8],
      dropout: 0.5,
      classes: 3,
    },
    demo,
    canonical,
  },
  published: {
    params: 62_357_608,
    source: 'No total in the paper: counted layer by layer from its Figure 3 (kernel sizes and counts, 6×6×256 into the first dense layer)',
    url: 'https://arxiv.org/abs/1311.2901',
  },
  configSchema: imagenetConvnetSchema,
  build,
  shapes: (c) => ({ input: [c.input, c.input, c.channels], output: [c.classes] }),
});
