import * as tf from '@tensorflow/tfjs';
import { defineArchitecture } from '../architecture/define';
import type { OnProgress } from '../network/training/progress';
import * as z from 'zod/mini';
import { count, fields, seed, type ConfigOf } from '../architecture/config-schema';

const configSchema = fields({
  inputs: count(),
  /** Cells in every hidden layer: equal widths let each skip be an identity. */
  width: count(),
  /** Residual blocks of two dense layers each; the network has 2 + 2 × blocks dense layers. */
  blocks: count(),
  outputs: count(),
  /** With identity skips (the residual network) or without (the plain network of the same depth). */
  skips: z.boolean({ error: 'expected true or false' }),
  seed: seed(),
});
export type ResidualConfig = ConfigOf<typeof configSchema>;

/** Dense layers in a network of `blocks` residual blocks: the stem, two per block, the output. */
export const depthOf = (blocks: number): number => 2 + 2 * blocks;

/**
 * A stem layer, then `blocks` residual blocks, then a sigmoid output. Block b computes
 * a = relu(W₁x + b₁), then relu(W₂a + b₂ + x): the block's input x skips both layers and is added
 * (tfjs `Add`) before the second activation, as in He et al. With `skips: false` the Add is left
 * out and nothing else changes: the plain network of the same depth, same layers, same start.
 */
function build(config: ResidualConfig): tf.LayersModel {
  const input = tf.input({ shape: [config.inputs], name: 'input' });
  let seed = config.seed;
  // Glorot initialisation, tfjs's default, seeded: the same starting weights for both networks.
  const dense = (units: number, name: string, activation: 'relu' | 'linear' | 'sigmoid') =>
    tf.layers.dense({ units, activation, name, kernelInitializer: tf.initializers.glorotUniform({ seed: seed++ }) });
  let x = dense(config.width, 'stem', 'relu').apply(input) as tf.SymbolicTensor;
  for (let b = 1; b <= config.blocks; b++) {
    const a = dense(config.width, `block-${b}-a`, 'relu').apply(x) as tf.SymbolicTensor;
    const f = dense(config.width, `block-${b}-b`, 'linear').apply(a) as tf.SymbolicTensor;
    const sum = config.skips ? (tf.layers.add({ name: `block-${b}-skip` }).apply([x, f]) as tf.SymbolicTensor) : f;
    x = tf.layers.activation({ activation: 'relu', name: `block-${b}-relu` }).apply(sum) as tf.SymbolicTensor;
  }
  const output = dense(config.outputs, 'output', 'sigmoid');
  return tf.model({ inputs: input, outputs: output.apply(x) as tf.SymbolicTensor, name: config.skips ? 'deep-residual-network' : 'deep-plain-network' });
}

export interface TrainingCurve {
  /** Binary cross-entropy on the training set after each epoch. */
  readonly loss: readonly number[];
  /** Share of training points on the right side of 0.5 after the last epoch. */
  readonly accuracy: number;
}

/**
 * Backpropagation with Adam on binary cross-entropy, full batch, fixed order: the same procedure
 * for the plain and the residual network, so the curves differ only by the skips. Reports phase
 * `epochs` with the loss.
 */
export async function trainClassifier(
  model: tf.LayersModel,
  inputs: readonly (readonly number[])[],
  labels: readonly number[],
  options: { epochs: number; learningRate: number; onProgress?: OnProgress },
): Promise<TrainingCurve> {
  const optimizer = tf.train.adam(options.learningRate);
  model.compile({ optimizer, loss: 'binaryCrossentropy' });
  const xs = tf.tensor2d(inputs as number[][]);
  const ys = tf.tensor2d(labels.map((y) => [y]));
  try {
    const history = await model.fit(xs, ys, {
      epochs: options.epochs,
      batchSize: inputs.length,
      shuffle: false,
      verbose: 0,
      callbacks: { onEpochEnd: (epoch, logs) => options.onProgress?.({ phase: 'epochs', done: epoch + 1, total: options.epochs, error: logs?.loss }) },
    });
    const predicted = tf.tidy(() => (model.predict(xs) as tf.Tensor).dataSync());
    const correct = labels.filter((y, n) => (predicted[n]! >= 0.5 ? 1 : 0) === y).length;
    return { loss: history.history.loss as number[], accuracy: correct / labels.length };
  } finally {
    // The model does not own an optimizer it was handed: its moment estimates are freed here.
    optimizer.dispose();
    tf.dispose([xs, ys]);
  }
}

export default defineArchitecture<ResidualConfig>({
  id: 'deep-residual-network',
  name: 'Deep residual network',
  abbreviation: 'DRN',
  year: 2015,
  paper: {
    authors: ['Kaiming He', 'Xiangyu Zhang', 'Shaoqing Ren', 'Jian Sun'],
    title: 'Deep residual learning for image recognition',
    venue: 'arXiv:1512.03385; CVPR 2016, 770–778',
    year: 2015,
    url: 'https://arxiv.org/abs/1512.03385',
  },
  training: {
    method: 'backpropagation',
    summary: 'Every layer weight is trained by backpropagation; the identity skips have no weights, so the gradient passes back along them without going through the blocks’ layers, though the ReLU after each addition still gates it.',
  },
  summary: 'A deep stack of layers in which every second layer also receives, unchanged, the input of the layer before: each block learns only a correction to the identity, and very deep stacks stay trainable.',
  family: 'feed-forward',
  views: ['cells', 'layers'],
  configs: {
    diagram: { inputs: 2, width: 3, blocks: 2, outputs: 1, skips: true, seed: 4 },
    // 20 dense layers, 8 cells wide: deep and narrow enough that without skips the signal fades.
    demo: { inputs: 2, width: 8, blocks: 9, outputs: 1, skips: true, seed: 1 },
  },
  configSchema,
  build,
  shapes: (c) => ({ input: [c.inputs], output: [c.outputs] }),
});
