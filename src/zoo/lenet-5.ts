import * as tf from '@tensorflow/tfjs';
import { defineArchitecture } from '../architecture/define';
import { count, fields, seed, type ConfigOf } from '../architecture/config-schema';
import { euclideanRbf } from '../network/layers/euclidean-rbf';
import { connectionTableConv2D, fullTable } from '../network/layers/connection-table-conv2d';
import { LECUN_TANH, scaledTanh } from '../network/layers/scaled-tanh';
import { subsampling } from '../network/layers/subsampling';
import { fitEpochs, type EpochOptions } from '../network/training/backprop';

const configSchema = fields({
  /** Side of the square, one-channel input image (32 in the paper). */
  input: count(),
  /** Units of C5, the last convolution (120). */
  c5: count(),
  /** Units of F6, the fully connected layer the output compares with its codes (84 = 7 × 12). */
  f6: count(),
  /** Output RBF units, one per class (10 digits). */
  classes: count(),
  seed: seed(),
});
export type LeNet5Config = ConfigOf<typeof configSchema>;

/** Feature maps of C1 and S2, and of C3 and S4: fixed by Table I's connection scheme. */
export const C1_MAPS = 6;
export const C3_MAPS = 16;
const KERNEL = 5;
const POOL = 2;

/**
 * Table I of the paper, by C3 map: the S2 maps each reads. The first six read three neighbouring S2
 * maps, the next six four neighbouring maps, the next three four maps that are not all neighbours,
 * and the last reads all six (neighbours wrap around from map 5 to map 0).
 */
export const CONNECTION_TABLE: readonly (readonly number[])[] = [
  [0, 1, 2], [1, 2, 3], [2, 3, 4], [3, 4, 5], [0, 4, 5], [0, 1, 5],
  [0, 1, 2, 3], [1, 2, 3, 4], [2, 3, 4, 5], [0, 3, 4, 5], [0, 1, 4, 5], [0, 1, 2, 5],
  [0, 1, 3, 4], [1, 2, 4, 5], [0, 2, 3, 5],
  [0, 1, 2, 3, 4, 5],
];

/** Side of the maps after C1, S2, C3, S4 and C5, for an input of side `input` (32 → 28, 14, 10, 5, 1). */
export function mapSides(input: number): { c1: number; s2: number; c3: number; s4: number; c5: number } {
  const c1 = input - KERNEL + 1;
  const s2 = Math.floor(c1 / POOL);
  const c3 = s2 - KERNEL + 1;
  const s4 = Math.floor(c3 / POOL);
  return { c1, s2, c3, s4, c5: s4 - KERNEL + 1 };
}

/** LeCun's starting weights (LeCun et al. 1998): uniform in ±2.4 / F, F the unit's fan-in, from a seeded stream. */
const lecunUniform = (fanIn: number, seed: number) => tf.initializers.randomUniform({ minval: -2.4 / fanIn, maxval: 2.4 / fanIn, seed });

/**
 * LeNet-5 as section II.B of the paper describes it, on channels-last images: C1 (6 maps, 5×5
 * convolution), S2 (2×2 subsampling with a coefficient and a bias per map), C3 (16 maps, 5×5, each
 * reading only the S2 maps Table I names), S4, C5 (a 5×5 convolution, 1×1 on a 32×32 input: a
 * convolution rather than a dense layer so a larger input still works), F6 (dense), each followed by
 * the squashing function A tanh(S a); then one Euclidean RBF unit per class with fixed ±1 codes.
 * The output is a distance per class: the smallest names the class.
 */
function build(config: LeNet5Config): tf.LayersModel {
  const sides = mapSides(config.input);
  if (sides.c5 < 1) throw new Error(`lenet-5: expected input to be at least 32 pixels on a side, so C5's 5×5 kernel fits, but got ${config.input}`);
  const squash = (name: string) => scaledTanh({ ...LECUN_TANH, name: `${name}_squash` });
  const input = tf.input({ shape: [config.input, config.input, 1], name: 'input' });
  let x = connectionTableConv2D({ table: fullTable(1, C1_MAPS), kernelSize: KERNEL, seed: config.seed, name: 'c1' }).apply(input) as tf.SymbolicTensor;
  x = squash('c1').apply(x) as tf.SymbolicTensor;
  x = squash('s2').apply(subsampling({ poolSize: POOL, name: 's2' }).apply(x)) as tf.SymbolicTensor;
  x = squash('c3').apply(connectionTableConv2D({ table: CONNECTION_TABLE, kernelSize: KERNEL, seed: config.seed + 1, name: 'c3' }).apply(x)) as tf.SymbolicTensor;
  x = squash('s4').apply(subsampling({ poolSize: POOL, name: 's4' }).apply(x)) as tf.SymbolicTensor;
  const c5 = connectionTableConv2D({ table: fullTable(C3_MAPS, config.c5), kernelSize: KERNEL, seed: config.seed + 2, name: 'c5' });
  x = tf.layers.flatten({ name: 'flatten' }).apply(squash('c5').apply(c5.apply(x))) as tf.SymbolicTensor;
  const f6 = tf.layers.dense({ units: config.f6, name: 'f6', kernelInitializer: lecunUniform(config.c5 * sides.c5 * sides.c5, config.seed + 3) });
  x = squash('f6').apply(f6.apply(x)) as tf.SymbolicTensor;
  const output = euclideanRbf({ units: config.classes, seed: config.seed + 4, name: 'output' }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output, name: 'lenet-5' });
}

/** The paper's pixel levels: background −0.1, full ink 1.175, so the inputs have mean about 0 and variance about 1. */
export const BACKGROUND = -0.1;
export const FOREGROUND = 1.175;

/**
 * An 8×8 digit (grey levels 0…1, row by row) as a LeNet-5 input: enlarged 3× to 24×24 by bilinear
 * interpolation (each output pixel samples the 8×8 image at its own centre, edges clamped), centred
 * in a `side`×`side` field with the margin blank, and mapped to the paper's levels. Like the paper's
 * 20×20 digits in a 32×32 field, the margin lets strokes reach the middle of C5's receptive fields.
 */
export function enlargeDigit(pixels: Float32Array, side = 32, source = 8, factor = 3): Float32Array {
  const enlarged = source * factor;
  const margin = Math.floor((side - enlarged) / 2);
  const out = new Float32Array(side * side).fill(BACKGROUND);
  const at = (r: number, c: number) => pixels[Math.min(source - 1, Math.max(0, r)) * source + Math.min(source - 1, Math.max(0, c))]!;
  for (let row = 0; row < enlarged; row++)
    for (let column = 0; column < enlarged; column++) {
      const y = (row + 0.5) / factor - 0.5;
      const x = (column + 0.5) / factor - 0.5;
      const r = Math.floor(y);
      const c = Math.floor(x);
      const fy = y - r;
      const fx = x - c;
      const ink = (1 - fy) * ((1 - fx) * at(r, c) + fx * at(r, c + 1)) + fy * ((1 - fx) * at(r + 1, c) + fx * at(r + 1, c + 1));
      out[(row + margin) * side + column + margin] = BACKGROUND + (FOREGROUND - BACKGROUND) * ink;
    }
  return out;
}

/**
 * The paper's maximum a posteriori criterion (section II.C) over the RBF outputs y:
 * E = y_correct + log(e^(−j) + Σ_i e^(−y_i)). The first term pulls F6 onto the correct class's
 * code; the second pushes the other classes' penalties up, and the constant j (a "rubbish" class)
 * stops it pushing once every wrong penalty is well above j. `distances` [batch, classes], `onehot`
 * the labels.
 */
export function mapCriterion(onehot: tf.Tensor, distances: tf.Tensor, j = RUBBISH_PENALTY): tf.Scalar {
  return tf.tidy(() => {
    const correct = tf.sum(tf.mul(onehot, distances), -1);
    const rubbish = tf.fill([distances.shape[0]!, 1], -j);
    return tf.mean(tf.add(correct, tf.logSumExp(tf.concat([tf.neg(distances), rubbish], 1), -1)));
  });
}

/** The constant j of the criterion: our choice. */
export const RUBBISH_PENALTY = 20;

/**
 * Trains every trainable weight by backpropagation on the MAP criterion, with Adam (the paper used
 * its stochastic diagonal Levenberg–Marquardt method) on mini-batches in a fixed order, so a seeded
 * model trains to the same weights each time. The RBF codes stay fixed. Images are LeNet-5 inputs
 * (side × side, row by row). Returns the criterion per epoch.
 */
export async function trainLeNet(
  model: tf.LayersModel,
  images: readonly Float32Array[],
  labels: readonly number[],
  options: EpochOptions,
): Promise<number[]> {
  const classes = model.outputs[0]!.shape[1]!;
  const xs = imagesTensor(model, images);
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(labels as number[], 'int32'), classes).toFloat());
  try {
    return await fitEpochs(model, xs, ys, mapCriterion, options);
  } finally {
    tf.dispose([xs, ys]);
  }
}

/** Images (row by row) as the model's input tensor [n, side, side, 1]. */
function imagesTensor(model: tf.LayersModel, images: readonly Float32Array[]): tf.Tensor4D {
  const side = model.inputs[0]!.shape[1]!;
  const flat = new Float32Array(images.length * side * side);
  images.forEach((image, i) => flat.set(image, i * side * side));
  return tf.tensor4d(flat, [images.length, side, side, 1]);
}

/** The class of smallest penalty for each image. */
export function predictDigits(model: tf.LayersModel, images: readonly Float32Array[]): number[] {
  return tf.tidy(() => Array.from((model.predict(imagesTensor(model, images)) as tf.Tensor2D).argMin(1).dataSync()));
}

/** Fraction of images whose class of smallest penalty is the label. */
export function digitAccuracy(model: tf.LayersModel, images: readonly Float32Array[], labels: readonly number[]): number {
  const predicted = predictDigits(model, images);
  return predicted.filter((p, i) => p === labels[i]).length / labels.length;
}

/** One image's feature maps after a layer (e.g. `c1_squash`), as one row-by-row array per map. */
export function featureMaps(model: tf.LayersModel, image: Float32Array, layer: string): Float32Array[] {
  return tf.tidy(() => {
    const probe = tf.model({ inputs: model.inputs, outputs: model.getLayer(layer).output as tf.SymbolicTensor });
    const [, height, width, maps] = probe.outputs[0]!.shape as number[];
    const values = (probe.predict(imagesTensor(model, [image])) as tf.Tensor).dataSync();
    return Array.from({ length: maps! }, (_, m) => Float32Array.from({ length: height! * width! }, (_, p) => values[p * maps! + m]!));
  });
}

export default defineArchitecture<LeNet5Config>({
  id: 'lenet-5',
  name: 'LeNet-5',
  abbreviation: 'LeNet-5',
  year: 1998,
  paper: {
    authors: ['Yann LeCun', 'Léon Bottou', 'Yoshua Bengio', 'Patrick Haffner'],
    title: 'Gradient-based learning applied to document recognition',
    venue: 'Proceedings of the IEEE 86(11), 2278–2324',
    year: 1998,
    url: 'https://doi.org/10.1109/5.726791',
  },
  training: {
    method: 'backpropagation on the MAP criterion',
    summary:
      'Every convolution kernel, subsampling coefficient, bias and F6 weight is trained by backpropagation; the output units’ ±1 codes are fixed and never trained.',
  },
  summary:
    'Convolutions and trainable subsampling in alternation — C1, S2, C3 (each map reading only some of S2’s), S4, C5 — then a dense layer whose output is compared with a fixed code per class: 60,000 trained parameters that read handwritten digits.',
  family: 'convolutional',
  // No 'layers-expanded': nothing in LeNet-5 repeats, so it would draw the very same picture.
  views: ['layers'],
  configs: {
    // Registry-wide tests run a forward pass on it: the paper's structure with a narrow head.
    diagram: { input: 32, c5: 8, f6: 12, classes: 3, seed: 5 },
    demo: { input: 32, c5: 120, f6: 84, classes: 10, seed: 5 },
    canonical: { input: 32, c5: 120, f6: 84, classes: 10, seed: 5 },
  },
  published: {
    params: 60_000,
    trainableOnly: true,
    source: 'the paper, section II.B: C1 156 + S2 12 + C3 1,516 + S4 32 + C5 48,120 + F6 10,164 (the 840 fixed RBF parameters not counted)',
    url: 'https://doi.org/10.1109/5.726791',
  },
  configSchema,
  build,
  shapes: (c) => ({ input: [c.input, c.input, 1], output: [c.classes] }),
});
