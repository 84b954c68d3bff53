import * as tf from '@tensorflow/tfjs';
import * as z from 'zod/mini';
import { count, counts, fields, seed, type ConfigOf } from '../architecture/config-schema';
import { defineArchitecture } from '../architecture/define';
import { classToken, classTokenReadout } from '../network/layers/class-token';
import { layerNormalization } from '../network/layers/layer-norm';
import { attentionWeightsOf, multiHeadAttention } from '../network/layers/multi-head-attention';
import { positionEmbedding } from '../network/layers/position-embedding';
import { createRandom } from '../network/numerics/random';
import type { OnProgress } from '../network/training/progress';

const flag = () => z.boolean({ error: 'expected true or false' });

const configSchema = fields({
  /** Image height, width and channels: [224, 224, 3] on ImageNet. */
  image: counts(),
  /** Side of the square patches the image is cut into: 16 in ViT-B/16. Must divide the height and width. */
  patch: count(),
  /** Encoder blocks (the paper's L): 12 in ViT-Base. */
  layers: count(),
  /** Width of every token (the paper's D, the hidden size): 768 in ViT-Base. */
  hidden: count(),
  /** Hidden units of each block's MLP: 3072 in ViT-Base. */
  mlp: count(),
  /** Attention heads per block: 12 in ViT-Base, each hidden / heads wide. */
  heads: count(),
  classes: count(),
  /** With learned position embeddings (the paper's E_pos) or without: then the encoder sees a bag of patches. */
  positions: flag(),
  seed: seed(),
});
export type VitConfig = ConfigOf<typeof configSchema>;

/** torchvision's epsilon for every layer normalisation of the vision transformer. */
export const LN_EPSILON = 1e-6;

/** The number of patches an image is cut into. */
export const patchesOf = (config: Pick<VitConfig, 'image' | 'patch'>): number => (config.image[0]! / config.patch) * (config.image[1]! / config.patch);

/**
 * The vision transformer as torchvision's `VisionTransformer` builds it, with its layer names where
 * it has them:
 *
 * - the input is the image cut into square patches, each flattened (`cutPatches`), as in the paper's
 *   equation 1; `patch_embedding`, a dense layer, maps each patch's pixels to a `hidden`-wide token
 *   (the paper's E). torchvision computes the same map as a convolution whose kernel and stride are
 *   the patch size (`conv_proj`), with the same parameters;
 * - `class_token`: a learned token put in front; `pos_embedding`: a learned vector added per position;
 * - `encoder_layer_<i>`, `layers` times, pre-norm: LayerNorm → multi-head self-attention → add the
 *   block's input; LayerNorm → MLP (Dense `mlp`, GELU, Dense `hidden`) → add again;
 * - `encoder_ln`, a last LayerNorm; `head`, a Dense softmax classifier on the class token alone.
 *
 * torchvision's dropouts are 0 by default and are left out; its attention has biases on the query,
 * key, value and output projections, and so does ours.
 */
function build(config: VitConfig): tf.LayersModel {
  const [height, width] = config.image;
  if (config.image.length !== 3) throw new Error(`vision-transformer: expected image to be [height, width, channels], but got [${config.image.join(', ')}]`);
  if (height! % config.patch !== 0 || width! % config.patch !== 0)
    throw new Error(`vision-transformer: expected the patch side ${config.patch} to divide the image's ${height}×${width}`);
  if (config.hidden % config.heads !== 0) throw new Error(`vision-transformer: expected hidden (${config.hidden}) to be a multiple of heads (${config.heads})`);
  let seed = config.seed;
  const glorot = () => tf.initializers.glorotUniform({ seed: seed++ });
  const apply = (layer: tf.layers.Layer, x: tf.SymbolicTensor | tf.SymbolicTensor[]) => layer.apply(x) as tf.SymbolicTensor;
  const norm = (x: tf.SymbolicTensor, name: string) => apply(layerNormalization({ name, epsilon: LN_EPSILON }), x);

  const [, , channels] = config.image;
  const input = tf.input({ shape: [patchesOf(config), config.patch * config.patch * channels!], name: 'patches' });
  let x = apply(tf.layers.dense({ name: 'patch_embedding', units: config.hidden, kernelInitializer: glorot() }), input);
  x = apply(classToken({ seed: seed++, name: 'class_token' }), x);
  if (config.positions) x = apply(positionEmbedding({ seed: seed++, name: 'pos_embedding' }), x);
  for (let i = 0; i < config.layers; i++) {
    const name = `encoder_layer_${i}`;
    const normed = norm(x, `${name}_ln_1`);
    const attention = multiHeadAttention({ heads: config.heads, keyDim: config.hidden / config.heads, useBias: true, seed, name: `${name}_self_attention` }).apply([normed, normed]);
    // W_q, W_k, W_v and W_o take four seeds.
    seed += 4;
    x = apply(tf.layers.add({ name: `${name}_add_1` }), [x, attention]);
    const normed2 = norm(x, `${name}_ln_2`);
    const hidden = apply(tf.layers.dense({ name: `${name}_mlp_1`, units: config.mlp, activation: 'gelu', kernelInitializer: glorot() }), normed2);
    const back = apply(tf.layers.dense({ name: `${name}_mlp_2`, units: config.hidden, kernelInitializer: glorot() }), hidden);
    x = apply(tf.layers.add({ name: `${name}_add_2` }), [x, back]);
  }
  x = norm(x, 'encoder_ln');
  const token = apply(classTokenReadout('class_output'), x);
  const output = apply(tf.layers.dense({ name: 'head', units: config.classes, activation: 'softmax', kernelInitializer: glorot() }), token);
  return tf.model({ inputs: input, outputs: output, name: 'vision-transformer' });
}

export interface VitTraining {
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly onProgress?: OnProgress;
  /** Called after each minibatch step with the loss of the batch it stepped on (`batch` from 1 within the epoch). */
  readonly onBatch?: (epoch: number, batch: number, batches: number, loss: number) => void;
}

/**
 * Adam on categorical cross-entropy, minibatches in a fixed order (no shuffling: a seeded model
 * trains to the same weights each time). Images arrive flat, row by row, as `image` lays them out.
 * Returns the training loss after each epoch; reports phase `train`.
 */
export async function trainVit(
  model: tf.LayersModel,
  config: VitConfig,
  images: readonly Float32Array[],
  labels: readonly number[],
  options: VitTraining,
): Promise<number[]> {
  const xs = patchBatch(images, config);
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d([...labels], 'int32'), config.classes).toFloat());
  const optimizer = tf.train.adam(options.learningRate);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  const onBatch = options.onBatch;
  const batches = Math.ceil(images.length / options.batchSize);
  let current = 1;
  try {
    const history = await model.fit(xs, ys, {
      epochs: options.epochs,
      batchSize: options.batchSize,
      shuffle: false,
      verbose: 0,
      callbacks: {
        onEpochEnd: (epoch, logs) => options.onProgress?.({ phase: 'train', done: epoch + 1, total: options.epochs, error: logs?.loss }),
        ...(onBatch ? { onEpochBegin: (epoch: number) => void (current = epoch + 1), onBatchEnd: (batch: number, logs?: tf.Logs) => onBatch(current, batch + 1, batches, logs!.loss!) } : {}),
      },
    });
    return history.history.loss as number[];
  } finally {
    optimizer.dispose();
    tf.dispose([xs, ys]);
  }
}

/** The most probable class of each image (flat, row by row, as `image` lays it out). */
export function classify(model: tf.LayersModel, config: VitConfig, images: readonly Float32Array[]): number[] {
  return tf.tidy(() => Array.from((model.predict(patchBatch(images, config)) as tf.Tensor).argMax(-1).dataSync()));
}

/**
 * Where the class token looks in the last encoder block: for each image, its attention weight on
 * each patch token (row by row), the mean over the heads; the weight on itself, the rest of the
 * row's 1, is left out.
 */
export function classTokenAttention(model: tf.LayersModel, config: VitConfig, images: readonly Float32Array[]): number[][] {
  const blocks = model.layers.filter((l) => /^encoder_layer_\d+_self_attention_scores$/.test(l.name)).length;
  const weights = attentionWeightsOf(model, `encoder_layer_${blocks - 1}_self_attention`);
  return tf.tidy(() => {
    const alpha = weights.predict(patchBatch(images, config)) as tf.Tensor4D;
    // [batch, heads, queries, keys] → the class token's row (query 0), keys 1… (the patches), mean over heads.
    return alpha.slice([0, 0, 0, 1], [-1, -1, 1, -1]).mean(1).squeeze([1]).arraySync() as number[][];
  });
}

/**
 * The image with its patches moved: patch p of the result is patch `order[p]` of the image (patches
 * numbered row by row, as the tokens are). Pixels within a patch keep their places.
 */
export function shufflePatches(image: Float32Array, config: Pick<VitConfig, 'image' | 'patch'>, order: readonly number[]): Float32Array {
  const [height, width, channels] = config.image as [number, number, number];
  const across = width / config.patch;
  const out = new Float32Array(image.length);
  order.forEach((from, to) => {
    const [fromRow, fromCol] = [Math.floor(from / across) * config.patch, (from % across) * config.patch];
    const [toRow, toCol] = [Math.floor(to / across) * config.patch, (to % across) * config.patch];
    for (let r = 0; r < config.patch; r++)
      for (let c = 0; c < config.patch; c++)
        for (let k = 0; k < channels; k++) out[((toRow + r) * width + toCol + c) * channels + k] = image[((fromRow + r) * width + fromCol + c) * channels + k]!;
  });
  if (height % config.patch !== 0) throw new Error(`shufflePatches: the patch side ${config.patch} does not divide the height ${height}`);
  return out;
}

/**
 * An image (values row by row, channels last) as the model reads it: cut into square patches,
 * numbered row by row, each flattened row by row, channels last — [patches, patch · patch · channels].
 */
export function cutPatches(image: ArrayLike<number>, config: Pick<VitConfig, 'image' | 'patch'>): Float32Array {
  const [height, width, channels] = config.image as [number, number, number];
  const p = config.patch;
  if (image.length !== height * width * channels) throw new Error(`cutPatches: expected ${height * width * channels} values, but got ${image.length}`);
  const out = new Float32Array(image.length);
  let i = 0;
  for (let pr = 0; pr < height / p; pr++)
    for (let pc = 0; pc < width / p; pc++)
      for (let r = 0; r < p; r++) for (let c = 0; c < p; c++) for (let k = 0; k < channels; k++) out[i++] = image[((pr * p + r) * width + pc * p + c) * channels + k]!;
  return out;
}

/** Images (flat, row by row) as one batch of the model's input: each cut into its flattened patches. */
function patchBatch(images: readonly ArrayLike<number>[], config: Pick<VitConfig, 'image' | 'patch'>): tf.Tensor3D {
  const [, , channels] = config.image as [number, number, number];
  const size = config.image.reduce((a, b) => a * b, 1);
  const values = new Float32Array(images.length * size);
  images.forEach((image, n) => values.set(cutPatches(image, config), n * size));
  return tf.tensor3d(values, [images.length, patchesOf(config), config.patch * config.patch * channels]);
}

/** A random order of `patches` patches for each of `count` images (Fisher–Yates, seeded): what `shufflePatches` takes. */
export function patchOrders(count: number, patches: number, seed: number): number[][] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => {
    const order = Array.from({ length: patches }, (_, p) => p);
    for (let i = patches - 1; i > 0; i--) {
      const j = Math.floor(random.next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    return order;
  });
}

/** ViT-B/16 as torchvision's `vit_b_16()` builds it: 224×224×3, 16×16 patches, 12 blocks of width 768, MLP 3072, 12 heads, 1000 classes. */
const canonical: VitConfig = { image: [224, 224, 3], patch: 16, layers: 12, hidden: 768, mlp: 3072, heads: 12, classes: 1000, positions: true, seed: 1 };

export default defineArchitecture<VitConfig>({
  id: 'vision-transformer',
  name: 'Vision transformer',
  abbreviation: 'ViT',
  year: 2021,
  paper: {
    authors: [
      'Alexey Dosovitskiy',
      'Lucas Beyer',
      'Alexander Kolesnikov',
      'Dirk Weissenborn',
      'Xiaohua Zhai',
      'Thomas Unterthiner',
      'Mostafa Dehghani',
      'Matthias Minderer',
      'Georg Heigold',
      'Sylvain Gelly',
      'Jakob Uszkoreit',
      'Neil Houlsby',
    ],
    title: 'An image is worth 16x16 words: Transformers for image recognition at scale',
    venue: 'ICLR 2021 (arXiv:2010.11929)',
    year: 2021,
    url: 'https://arxiv.org/abs/2010.11929',
  },
  training: {
    method: 'backpropagation',
    summary:
      'The patch projection, class token, position embeddings, every attention projection, MLP and layer-normalisation scale and shift, and the classifier are trained together by backpropagation; the attention weights are not trained: they are computed afresh for every image.',
  },
  summary:
    'A transformer encoder applied to an image cut into square patches: each patch is projected to a token, a learned class token is put in front, learned position embeddings are added, and after the encoder blocks a classifier reads the class token alone.',
  family: 'attention',
  views: ['cells', 'layers', 'layers-expanded'],
  configSchema,
  configs: {
    // A 4×4 image in four 2×2 patches, tokens 2 wide, one block of two heads: every cell drawn.
    diagram: { image: [4, 4, 1], patch: 2, layers: 1, hidden: 2, mlp: 4, heads: 2, classes: 3, positions: true, seed: 1 },
    // 8×8 digits in four 4×4 patches (five tokens with the class token), tokens 16 wide, one block of two heads.
    demo: { image: [8, 8, 1], patch: 4, layers: 1, hidden: 16, mlp: 32, heads: 2, classes: 10, positions: true, seed: 1 },
    canonical,
  },
  published: {
    params: 86_567_656,
    source: 'torchvision ViT_B_16_Weights (num_params): vit_b_16, the paper’s ViT-Base with 16×16 patches on 224×224 images and 1000 classes',
    url: 'https://pytorch.org/vision/stable/models/generated/torchvision.models.vit_b_16.html',
  },
  build,
  shapes: (c) => ({ input: [patchesOf(c), c.patch * c.patch * c.image[2]!], output: [c.classes] }),
});
