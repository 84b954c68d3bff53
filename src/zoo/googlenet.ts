import * as tf from '@tensorflow/tfjs';
import * as z from 'zod/mini';
import { defineArchitecture } from '../architecture/define';
import { count, counts, fields, seed, type ConfigOf } from '../architecture/config-schema';
import { LocalResponseNormalization } from '../network/layers/local-response-normalization';

const WIDTHS_ERROR = 'expected six positive integers: #1×1, #3×3 reduce, #3×3, #5×5 reduce, #5×5, pool proj';
/** One inception module's widths, in the order of the paper's Table 1 columns. */
const module = () => z.tuple([count(), count(), count(), count(), count(), count()], { error: WIDTHS_ERROR });

const configSchema = fields({
  /** The image: [height, width, channels]. */
  input: counts(),
  /**
   * `paper`: Table 1's stem, conv 7×7/2 → max-pool 3×3/2 → LRN → conv 1×1 → conv 3×3 → LRN →
   * max-pool 3×3/2, with `stemFilters` = [7×7 maps, 1×1 maps, 3×3 maps]. `small`: one 3×3
   * convolution of `stemFilters[0]` maps and one 3×3/2 max-pool, for images as small as 8×8 digits.
   */
  stem: z.enum(['paper', 'small'], { error: "expected 'paper' or 'small'" }),
  stemFilters: counts(),
  /**
   * Inception modules, stage by stage; a 3×3/2 max-pool stands between stages. The first stage's
   * modules are named 3a, 3b, …, the next 4a, … as in the paper.
   */
  stages: z.array(z.array(module()).check(z.minLength(1, { error: 'expected at least one module per stage' })), { error: 'expected a list of stages' }).check(
    z.minLength(1, { error: 'expected at least one stage' }),
  ),
  /**
   * `caffe`: the paper's network as the BVLC Caffe model builds it (convolutions with biases and
   * ReLU, LRN in the stem, a true 5×5 branch). `torchvision`: torchvision's GoogLeNet, every
   * convolution without bias and followed by batch normalisation (ε = 0.001) and a ReLU, no LRN,
   * and a 3×3 convolution where the "5×5" branch is (a slip kept for its pretrained weights).
   */
  implementation: z.enum(['caffe', 'torchvision'], { error: "expected 'caffe' or 'torchvision'" }),
  /** Share of the pooled features dropped in training before the classifier (the paper's 40 %). */
  dropout: z.number({ error: 'expected a number with 0 ≤ value < 1' }).check(z.gte(0, { error: 'expected a number with 0 ≤ value < 1' }), z.lt(1, { error: 'expected a number with 0 ≤ value < 1' })),
  classes: count(),
  seed: seed(),
});
export type GoogLeNetConfig = ConfigOf<typeof configSchema>;
export type InceptionWidths = GoogLeNetConfig['stages'][number][number];

/** An inception module's output maps: the four branches side by side. */
export const moduleDepth = ([oneByOne, , threeByThree, , fiveByFive, poolProj]: InceptionWidths): number => oneByOne + threeByThree + fiveByFive + poolProj;

/** Weights and biases of one inception module reading `channels` maps. */
export function moduleParams(channels: number, [oneByOne, reduce3, conv3, reduce5, conv5, poolProj]: InceptionWidths): number {
  const conv = (kernel: number, inputs: number, outputs: number) => kernel * kernel * inputs * outputs + outputs;
  return conv(1, channels, oneByOne) + conv(1, channels, reduce3) + conv(3, reduce3, conv3) + conv(1, channels, reduce5) + conv(5, reduce5, conv5) + conv(1, channels, poolProj);
}

/** The paper's module names: stage s (from 0), module m (from 0) → "3a", "4c", … */
export const moduleName = (stage: number, index: number): string => `${stage + 3}${String.fromCharCode(97 + index)}`;

/** Caffe's LRN in the BVLC model: 5 channels, α = 10⁻⁴ divided by 5 (Caffe averages), β = 0.75, k = 1. */
const LRN = { size: 5, k: 1, alpha: 1e-4 / 5, beta: 0.75 } as const;

/**
 * The GoogLeNet of the paper's Table 1 at inference, layer names after the BVLC Caffe model's with
 * `/` as `_`: a stem, then inception modules in stages with a 3×3/2 max-pool between stages, then
 * average pooling over the whole remaining map, dropout and a softmax classifier. Each module runs
 * four branches on its input — 1×1; 1×1 then 3×3; 1×1 then 5×5; 3×3/1 max-pool then 1×1 — every
 * convolution with a ReLU and padding "same", and concatenates their maps (tfjs `Concatenate`).
 * No batch normalisation, and no auxiliary classifiers (they only add to the training loss).
 */
function build(config: GoogLeNetConfig): tf.LayersModel {
  if (config.input.length !== 3) throw new Error(`googlenet: expected input to be [height, width, channels], but got [${config.input.join(', ')}]`);
  const needed = config.stem === 'paper' ? 3 : 1;
  if (config.stemFilters.length !== needed)
    throw new Error(`googlenet: the ${config.stem} stem expects ${needed} stemFilters, but got ${config.stemFilters.length}: [${config.stemFilters.join(', ')}]`);
  let seed = config.seed;
  const torchvision = config.implementation === 'torchvision';
  const apply = (layer: tf.layers.Layer, x: tf.SymbolicTensor | tf.SymbolicTensor[]) => layer.apply(x) as tf.SymbolicTensor;
  /**
   * A convolution with its ReLU, as a function to apply: one layer in Caffe's form, conv → batch norm
   * → ReLU in torchvision's. The layers are made (and seeded) when `conv` is called, not when applied.
   */
  const conv = (filters: number, kernel: number, name: string, strides = 1): ((x: tf.SymbolicTensor) => tf.SymbolicTensor) => {
    const convolution = tf.layers.conv2d({
      filters,
      kernelSize: kernel,
      strides,
      padding: 'same',
      activation: torchvision ? 'linear' : 'relu',
      useBias: !torchvision,
      name,
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed++ }),
    });
    if (!torchvision) return (x) => apply(convolution, x);
    const norm = tf.layers.batchNormalization({ epsilon: 0.001, name: `${name}_bn` });
    const relu = tf.layers.activation({ activation: 'relu', name: `${name}_relu` });
    return (x) => apply(relu, apply(norm, apply(convolution, x)));
  };
  const maxPool = (name: string, strides: number) => tf.layers.maxPooling2d({ poolSize: 3, strides, padding: 'same', name });
  const lrn = (name: string, x: tf.SymbolicTensor) => (torchvision ? x : apply(new LocalResponseNormalization({ ...LRN, name }), x));
  const wide = torchvision ? 3 : 5;

  const input = tf.input({ shape: [...config.input], name: 'input' });
  let x: tf.SymbolicTensor = input;
  if (config.stem === 'paper') {
    const [first, reduce, second] = config.stemFilters as [number, number, number];
    x = conv(first, 7, 'conv1_7x7_s2', 2)(x);
    x = apply(maxPool('pool1_3x3_s2', 2), x);
    x = lrn('pool1_norm1', x);
    x = conv(reduce, 1, 'conv2_3x3_reduce')(x);
    x = conv(second, 3, 'conv2_3x3')(x);
    x = lrn('conv2_norm2', x);
    x = apply(maxPool('pool2_3x3_s2', 2), x);
  } else {
    x = conv(config.stemFilters[0]!, 3, 'conv1_3x3')(x);
    x = apply(maxPool('pool1_3x3_s2', 2), x);
  }
  config.stages.forEach((modules, s) => {
    if (s > 0) x = apply(maxPool(`pool${s + 2}_3x3_s2`, 2), x);
    modules.forEach((widths, m) => {
      const name = `inception_${moduleName(s, m)}`;
      const [oneByOne, reduce3, conv3, reduce5, conv5, poolProj] = widths;
      const branches = [
        conv(oneByOne, 1, `${name}_1x1`)(x),
        conv(conv3, 3, `${name}_3x3`)(conv(reduce3, 1, `${name}_3x3_reduce`)(x)),
        conv(conv5, wide, `${name}_5x5`)(conv(reduce5, 1, `${name}_5x5_reduce`)(x)),
        conv(poolProj, 1, `${name}_pool_proj`)(apply(maxPool(`${name}_pool`, 1), x)),
      ];
      x = apply(tf.layers.concatenate({ axis: -1, name: `${name}_output` }), branches);
    });
  });
  const [, height, width] = x.shape as number[];
  x = apply(tf.layers.averagePooling2d({ poolSize: [height!, width!], strides: 1, name: `pool${config.stages.length + 2}_${height}x${width}_s1` }), x);
  x = apply(tf.layers.flatten({ name: 'flatten' }), x);
  if (config.dropout > 0) x = apply(tf.layers.dropout({ rate: config.dropout, seed: seed++, name: 'dropout' }), x);
  const output = apply(tf.layers.dense({ units: config.classes, activation: 'softmax', name: 'predictions', kernelInitializer: tf.initializers.glorotUniform({ seed: seed++ }) }), x);
  return tf.model({ inputs: input, outputs: output, name: 'googlenet' });
}

/** Table 1's nine inception modules: 3a, 3b | 4a–4e | 5a, 5b. */
export const TABLE_1_STAGES: GoogLeNetConfig['stages'] = [
  [
    [64, 96, 128, 16, 32, 32],
    [128, 128, 192, 32, 96, 64],
  ],
  [
    [192, 96, 208, 16, 48, 64],
    [160, 112, 224, 24, 64, 64],
    [128, 128, 256, 24, 64, 64],
    [112, 144, 288, 32, 64, 64],
    [256, 160, 320, 32, 128, 128],
  ],
  [
    [256, 160, 320, 32, 128, 128],
    [384, 192, 384, 48, 128, 128],
  ],
];

export default defineArchitecture<GoogLeNetConfig>({
  id: 'googlenet',
  name: 'GoogLeNet',
  abbreviation: 'GoogLeNet',
  year: 2014,
  paper: {
    authors: ['Christian Szegedy', 'Wei Liu', 'Yangqing Jia', 'Pierre Sermanet', 'Scott Reed', 'Dragomir Anguelov', 'Dumitru Erhan', 'Vincent Vanhoucke', 'Andrew Rabinovich'],
    title: 'Going deeper with convolutions',
    venue: 'arXiv:1409.4842; CVPR 2015, 1–9',
    year: 2014,
    url: 'https://arxiv.org/abs/1409.4842',
  },
  training: {
    method: 'backpropagation',
    summary: 'Every convolution kernel and the classifier are trained by backpropagation; pooling, the normalisation layers and the concatenations have nothing to train. The auxiliary classifiers that helped train the original are not part of the network at inference, nor of ours.',
  },
  summary: 'Nine inception modules, each running 1×1, 3×3 and 5×5 convolutions and a pooling side by side and concatenating their maps, with cheap 1×1 convolutions shrinking the input of the costly ones: 22 layers deep on about 7 million parameters.',
  family: 'convolutional',
  views: ['layers'],
  configs: {
    // For the registry's forward-pass checks only: the small stem and one module on an 8×8 image.
    diagram: { input: [8, 8, 1], stem: 'small', stemFilters: [2], stages: [[[1, 1, 2, 1, 1, 1]]], implementation: 'caffe', dropout: 0.4, classes: 3, seed: 1 },
    // The demo's network: a 3×3 convolution and a 3×3/2 max-pool, module 3a at 4×4, a max-pool, module 4a at 2×2.
    demo: {
      input: [8, 8, 1],
      stem: 'small',
      stemFilters: [8],
      stages: [[[4, 4, 8, 2, 4, 4]], [[8, 6, 12, 2, 4, 4]]],
      implementation: 'caffe',
      dropout: 0.4,
      classes: 10,
      seed: 1,
    },
    // Table 1 at inference, as the BVLC Caffe model builds it, without the auxiliary classifiers.
    canonical: { input: [224, 224, 3], stem: 'paper', stemFilters: [64, 64, 192], stages: TABLE_1_STAGES, implementation: 'caffe', dropout: 0.4, classes: 1000, seed: 1 },
  },
  published: {
    params: 6_998_552,
    source: 'BVLC Caffe’s bvlc_googlenet (deploy.prototxt): Table 1 at inference, no auxiliary classifiers',
    url: 'https://github.com/BVLC/caffe/blob/master/models/bvlc_googlenet/deploy.prototxt',
  },
  configSchema,
  build,
  shapes: (c) => ({ input: [...c.input], output: [c.classes] }),
});
