import * as tf from '@tensorflow/tfjs';
import { defineArchitecture } from '../architecture/define';
import { CapsuleLength } from '../network/layers/capsule-length';
import { CapsuleRouting } from '../network/layers/capsule-routing';
import { PrimaryCapsules } from '../network/layers/primary-capsules';
import { createRandom } from '../network/numerics/random';
import type { OnProgress } from '../network/training/progress';
import { count, fields, seed, type ConfigOf } from '../architecture/config-schema';

const configSchema = fields({
  inputs: count(),
  primaryCapsules: count(),
  primaryDim: count(),
  /** One parent capsule per class. */
  classes: count(),
  classDim: count(),
  /** Rounds of routing by agreement. */
  iterations: count(),
  seed: seed(),
});
export type CapsuleNetworkConfig = ConfigOf<typeof configSchema>;

/**
 * Input features → primary capsules (vectors, squashed) → one class capsule per class, reached by
 * dynamic routing → each class capsule's length as its score. No bias, no activation beyond squash.
 */
function build(config: CapsuleNetworkConfig): tf.LayersModel {
  const input = tf.input({ shape: [config.inputs], name: 'input' });
  const primary = new PrimaryCapsules({ capsules: config.primaryCapsules, dim: config.primaryDim, seed: config.seed, name: 'primary-capsules' });
  const routing = new CapsuleRouting({ capsules: config.classes, dim: config.classDim, iterations: config.iterations, seed: config.seed + 1, name: 'class-capsules' });
  const length = new CapsuleLength({ name: 'class-scores' });
  const scores = length.apply(routing.apply(primary.apply(input))) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: scores, name: 'capsule-network' });
}

/** Sabour et al.'s margin loss: the true class's capsule longer than 0.9, every other shorter than 0.1. */
export function marginLoss(lengths: tf.Tensor2D, oneHot: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const present = tf.mul(oneHot, tf.square(tf.relu(tf.sub(0.9, lengths))));
    const absent = tf.mul(tf.sub(1, oneHot), tf.square(tf.relu(tf.sub(lengths, 0.1))));
    return tf.mean(tf.sum(tf.add(present, tf.mul(0.5, absent)), 1));
  });
}

export interface CapsuleTraining {
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** Seed of the order examples are visited in. */
  readonly seed: number;
  readonly onProgress?: OnProgress;
  /** Called after each minibatch step with the loss of the batch it stepped on (`batch` from 1 within the epoch). */
  readonly onBatch?: (epoch: number, batch: number, batches: number, loss: number) => void;
}

/**
 * Minibatch Adam on the margin loss. Only W_ij and the primary kernel are trained; routing runs
 * inside every forward pass and its coefficients are never stored. Reports phase `train` per epoch
 * with the mean loss as its error; returns the loss per epoch.
 */
export function trainCapsuleNetwork(model: tf.LayersModel, images: readonly Float32Array[], labels: readonly number[], options: CapsuleTraining): number[] {
  const classes = model.outputs[0]!.shape[1] as number;
  const optimizer = tf.train.adam(options.learningRate);
  const random = createRandom(options.seed);
  const order = images.map((_, i) => i);
  const losses: number[] = [];
  try {
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      // Fisher–Yates with the seeded generator: the same seed visits the examples in the same order.
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random.next() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      let total = 0;
      for (let start = 0; start < order.length; start += options.batchSize) {
        const batch = order.slice(start, start + options.batchSize);
        const loss = tf.tidy(() => {
          const x = imageBatch(images, batch, model.inputs[0]!.shape[1] as number);
          const y = tf.oneHot(tf.tensor1d(batch.map((i) => labels[i]!), 'int32'), classes) as tf.Tensor2D;
          return optimizer.minimize(() => marginLoss(model.apply(x, { training: true }) as tf.Tensor2D, y), true)!;
        });
        const value = loss.dataSync()[0]!;
        total += value * batch.length;
        loss.dispose();
        options.onBatch?.(epoch + 1, start / options.batchSize + 1, Math.ceil(order.length / options.batchSize), value);
      }
      losses.push(total / order.length);
      options.onProgress?.({ phase: 'train', done: epoch + 1, total: options.epochs, error: losses.at(-1) });
    }
  } finally {
    optimizer.dispose();
  }
  return losses;
}

function imageBatch(images: readonly Float32Array[], rows: readonly number[], width: number): tf.Tensor2D {
  const flat = new Float32Array(rows.length * width);
  rows.forEach((row, k) => flat.set(images[row]!, k * width));
  return tf.tensor2d(flat, [rows.length, width]);
}

/** Predicted class per image: the index of the longest class capsule. */
export function classify(model: tf.LayersModel, images: readonly Float32Array[]): number[] {
  return tf.tidy(() => Array.from((tf.argMax(model.predict(imageBatch(images, images.map((_, i) => i), model.inputs[0]!.shape[1] as number)) as tf.Tensor2D, 1).dataSync())));
}

/** The coupling coefficients c_ij routing settled on for one input: [primary capsule][class]. */
export function routingCoefficients(model: tf.LayersModel, image: Float32Array): number[][] {
  return tf.tidy(() => {
    const primary = model.getLayer('primary-capsules').apply(tf.tensor2d(image, [1, image.length])) as tf.Tensor3D;
    const routing = model.getLayer('class-capsules') as CapsuleRouting;
    return (routing.route(primary).coefficients.arraySync() as number[][][])[0]!;
  });
}

export default defineArchitecture<CapsuleNetworkConfig>({
  id: 'capsule-network',
  name: 'Capsule network',
  abbreviation: 'CapsNet',
  year: 2017,
  paper: {
    authors: ['Sara Sabour', 'Nicholas Frosst', 'Geoffrey E. Hinton'],
    title: 'Dynamic Routing Between Capsules',
    venue: 'Advances in Neural Information Processing Systems 30 (NIPS 2017), 3856–3866',
    year: 2017,
    url: 'https://arxiv.org/abs/1710.09829',
  },
  training: {
    method: 'backpropagation of a margin loss, with routing by agreement inside every forward pass',
    summary: 'The primary capsule kernel and every transformation matrix W_ij are trained by gradient descent; the coupling coefficients are recomputed for each input by routing and never trained.',
  },
  summary: 'A network whose cells are capsules: small vectors whose length says whether a thing is present and whose direction describes it, passed to the next layer by routing by agreement.',
  // Not convolutional: what defines it is the capsule (a vector cell) and routing by agreement, which
  // weighs every child → parent prediction afresh for each input. Ours has no convolution at all.
  family: 'capsule',
  views: ['cells', 'layers'],
  configs: {
    diagram: { inputs: 4, primaryCapsules: 4, primaryDim: 2, classes: 2, classDim: 3, iterations: 3, seed: 1 },
    demo: { inputs: 64, primaryCapsules: 8, primaryDim: 4, classes: 3, classDim: 6, iterations: 3, seed: 7 },
  },
  configSchema,
  build,
  shapes: (c) => ({ input: [c.inputs], output: [c.classes] }),
});
