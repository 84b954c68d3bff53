import type * as tf from '@tensorflow/tfjs';
import { defineArchitecture } from '../architecture/define';
import { buildImagenetConvnet, imagenetConvnetSchema, type ImagenetConvnetConfig } from '../network/imagenet-convnet';

export type AlexNetConfig = ImagenetConvnetConfig;

const build = (config: AlexNetConfig): tf.LayersModel => buildImagenetConvnet(config, 'alexnet');

/**
 * The paper's network (section 3.5, Figure 2) as Caffe's bvlc_alexnet writes it: 96 kernels of
 * 11×11 at stride 4; 256 of 5×5, 384, 384 and 256 of 3×3, padded to keep the map's size. conv2,
 * conv4 and conv5 are split over the two GPUs (2 groups); conv1, conv3 and the dense layers read
 * both halves. Response normalisation and then overlapping max pooling (3×3 windows, stride 2)
 * follow conv1 and conv2; pooling follows conv5; dropout 0.5 follows fc6 and fc7. The input is
 * 227×227: the paper's 224 gives no whole number of 11×11 windows at stride 4 ((224 − 11)/4 + 1 =
 * 54.25), while 227 gives the 55×55 its Figure 2 shows.
 */
const canonical: AlexNetConfig = {
  input: 227,
  channels: 3,
  convolutions: [
    { filters: 96, kernel: 11, stride: 4, padding: 0, groups: 1, after: ['norm', 'pool'] },
    { filters: 256, kernel: 5, stride: 1, padding: 2, groups: 2, after: ['norm', 'pool'] },
    { filters: 384, kernel: 3, stride: 1, padding: 1, groups: 1, after: [] },
    { filters: 384, kernel: 3, stride: 1, padding: 1, groups: 2, after: [] },
    { filters: 256, kernel: 3, stride: 1, padding: 1, groups: 2, after: ['pool'] },
  ],
  pool: { size: 3, stride: 2 },
  dense: [4096, 4096],
  dropout: 0.5,
  classes: 1000,
  activation: 'relu',
  seed: 1,
};

/**
 * torchvision's `alexnet` (from Krizhevsky's 2014 "One weird trick" paper, one GPU): 64, 192, 384,
 * 256 and 256 kernels, no groups, no response normalisation, conv1 padded by 2 on a 224×224 input.
 * torchvision's adaptive 6×6 average pool changes nothing on the 6×6 map this input gives, and is
 * left out; its dropout sits before fc6 and fc7 rather than after them, which no count sees.
 * 61,100,840 parameters (torchvision's AlexNet_Weights meta).
 */
export const TORCHVISION_ALEXNET: AlexNetConfig = {
  ...canonical,
  input: 224,
  convolutions: [
    { filters: 64, kernel: 11, stride: 4, padding: 2, groups: 1, after: ['pool'] },
    { filters: 192, kernel: 5, stride: 1, padding: 2, groups: 1, after: ['pool'] },
    { filters: 384, kernel: 3, stride: 1, padding: 1, groups: 1, after: [] },
    { filters: 256, kernel: 3, stride: 1, padding: 1, groups: 1, after: [] },
    { filters: 256, kernel: 3, stride: 1, padding: 1, groups: 1, after: ['pool'] },
  ],
};

/**
 * The demo's AlexNet for 8×8 digits, the size of the paper's Figure 1 experiment (a four-layer
 * network, no regularisation): conv1 with 16 kernels of 3×3, conv2 with 32 split into AlexNet's two
 * groups, each followed by 3×3 max pooling at stride 2 (padded, `same`, so 8×8 shrinks to 4×4 and
 * 2×2), one dense layer of 64 and the softmax. No response normalisation and no dropout, as in
 * Figure 1; without dropout a seeded run repeats exactly.
 */
const demo: AlexNetConfig = {
  input: 8,
  channels: 1,
  convolutions: [
    { filters: 16, kernel: 3, stride: 1, padding: 1, groups: 1, after: ['pool-same'] },
    { filters: 32, kernel: 3, stride: 1, padding: 1, groups: 2, after: ['pool-same'] },
  ],
  pool: { size: 3, stride: 2 },
  dense: [64],
  dropout: 0,
  classes: 10,
  activation: 'relu',
  seed: 7,
};

export default defineArchitecture<AlexNetConfig>({
  id: 'alexnet',
  name: 'AlexNet',
  abbreviation: 'AlexNet',
  year: 2012,
  paper: {
    authors: ['Alex Krizhevsky', 'Ilya Sutskever', 'Geoffrey E. Hinton'],
    title: 'ImageNet classification with deep convolutional neural networks',
    venue: 'Advances in Neural Information Processing Systems 25 (NIPS 2012), 1097–1105',
    year: 2012,
    url: 'https://proceedings.neurips.cc/paper/2012/hash/c399862d3b9d6b76c8436e924a68c45b-Abstract.html',
  },
  training: {
    method: 'backpropagation',
    summary:
      'Every kernel and dense weight is trained by backpropagation with stochastic gradient descent and momentum; response normalisation, pooling and dropout have nothing to train.',
  },
  summary:
    'Five convolutional layers, split over two GPUs, with ReLUs, response normalisation and overlapping max pooling, then three dense layers with dropout: the first deep convolutional network to win the ImageNet challenge, and by a wide margin.',
  family: 'convolutional',
  views: ['layers'],
  configs: {
    // A forward pass through every kind of layer the canonical network has, at 16×16 with a handful of kernels.
    diagram: {
      ...demo,
      input: 16,
      dense: [8, 8],
      dropout: 0.5,
      classes: 3,
      convolutions: [
        { filters: 4, kernel: 5, stride: 1, padding: 0, groups: 1, after: ['norm', 'pool'] },
        { filters: 4, kernel: 3, stride: 1, padding: 1, groups: 2, after: ['norm', 'pool'] },
        { filters: 6, kernel: 3, stride: 1, padding: 1, groups: 1, after: [] },
        { filters: 6, kernel: 3, stride: 1, padding: 1, groups: 2, after: [] },
        { filters: 4, kernel: 3, stride: 1, padding: 1, groups: 2, after: [] },
      ],
    },
    demo,
    canonical,
  },
  published: {
    params: 60_965_224,
    source: 'Caffe bvlc_alexnet (models/bvlc_alexnet/deploy.prototxt: the paper’s two-GPU network, groups in conv2, conv4, conv5), counted layer by layer',
    url: 'https://github.com/BVLC/caffe/blob/master/models/bvlc_alexnet/deploy.prototxt',
  },
  configSchema: imagenetConvnetSchema,
  build,
  shapes: (c) => ({ input: [c.input, c.input, c.channels], output: [c.classes] }),
});
