import * as tf from '@tensorflow/tfjs';
import { declareOutputMatchesInput } from '../graph/output-role';
import type { OnProgress } from './training/progress';
import { createRandom } from './numerics/random';

/**
 * What the four autoencoders share: an hourglass of Dense layers whose output layer reproduces the
 * input, and a mini-batch training loop whose loss each architecture writes itself (plain
 * reconstruction, plus a sparsity or KL term). Each definition in src/zoo says what it adds.
 */

export type Activation = 'sigmoid' | 'relu' | 'tanh' | 'linear';

export interface HourglassSpec {
  readonly name: string;
  readonly inputs: number;
  /** Widths of the encoder's hidden layers, outermost first; the decoder mirrors them. */
  readonly hidden: readonly number[];
  readonly code: number;
  readonly hiddenActivation: Activation;
  readonly codeActivation: Activation;
  /** Standard deviation of the Gaussian noise added to the input while training; none when 0 or absent. */
  readonly inputNoise?: number;
  readonly seed: number;
}

/** Layer names as the diagrams label the groups: encoder-1 …, code, decoder-1 …, reconstruction. */
export const numbered = (prefix: string, count: number, k: number): string => (count === 1 ? prefix : `${prefix}-${k + 1}`);

/** A seeded Dense layer, so a network trains to the same weights every time. */
export function denseLayer(name: string, units: number, activation: Activation, seed: number): tf.layers.Layer {
  return tf.layers.dense({ units, activation, name, kernelInitializer: tf.initializers.glorotUniform({ seed }) });
}

/** Applies the encoder's hidden layers (named encoder, or encoder-1, encoder-2 …) to `x`. */
export function encoderStack(x: tf.SymbolicTensor, widths: readonly number[], activation: Activation, seed: number): tf.SymbolicTensor {
  return widths.reduce((h, units, k) => denseLayer(numbered('encoder', widths.length, k), units, activation, seed + k).apply(h) as tf.SymbolicTensor, x);
}

/** The decoder: the encoder's hidden widths in reverse, then a sigmoid layer of `outputs` cells (pixels in 0…1). */
export function decoderStack(code: tf.SymbolicTensor, widths: readonly number[], outputs: number, activation: Activation, seed: number): tf.SymbolicTensor {
  const mirrored = [...widths].reverse();
  const h = mirrored.reduce((x, units, k) => denseLayer(numbered('decoder', mirrored.length, k), units, activation, seed + 100 + k).apply(x) as tf.SymbolicTensor, code);
  return denseLayer('reconstruction', outputs, 'sigmoid', seed + 200).apply(h) as tf.SymbolicTensor;
}

/** input → (noise) → encoder → code → decoder → reconstruction, declared to reproduce its input. */
export function buildHourglass(spec: HourglassSpec): tf.LayersModel {
  const input = tf.input({ shape: [spec.inputs], name: 'input' });
  const corrupted = spec.inputNoise ? (tf.layers.gaussianNoise({ stddev: spec.inputNoise, name: 'corruption' }).apply(input) as tf.SymbolicTensor) : input;
  const hidden = encoderStack(corrupted, spec.hidden, spec.hiddenActivation, spec.seed);
  const code = denseLayer('code', spec.code, spec.codeActivation, spec.seed + 50).apply(hidden) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: decoderStack(code, spec.hidden, spec.inputs, spec.hiddenActivation, spec.seed), name: spec.name });
  declareOutputMatchesInput(model);
  return model;
}

/**
 * Runs a chain of layers (every hourglass above) on concrete tensors, layer by layer, returning each
 * layer's output by name. `training: true` switches on what only acts in training (input noise).
 */
export function runChain(model: tf.LayersModel, x: tf.Tensor, options: { training: boolean }): Map<string, tf.Tensor> {
  const outputs = new Map<string, tf.Tensor>();
  let current = x;
  for (const layer of model.layers) {
    if (layer.getClassName() === 'InputLayer') continue;
    current = layer.apply(current, { training: options.training }) as tf.Tensor;
    outputs.set(layer.name, current);
  }
  return outputs;
}

/** Mean squared error per pixel between images and their reconstructions. */
export const meanSquaredError = (target: tf.Tensor, reconstruction: tf.Tensor): tf.Scalar => tf.tidy(() => tf.mean(tf.squaredDifference(target, reconstruction)) as tf.Scalar);

/** Stacks image rows (e.g. loadDigits().images) into one [count × pixels] tensor. */
export function imageTensor(images: readonly Float32Array[]): tf.Tensor2D {
  const pixels = images[0]?.length ?? 0;
  const flat = new Float32Array(images.length * pixels);
  images.forEach((image, i) => flat.set(image, i * pixels));
  return tf.tensor2d(flat, [images.length, pixels]);
}

export interface FitOptions {
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** Seeds the order of the examples in each epoch. */
  readonly seed: number;
  /**
   * Reports phase `train` after every mini-batch: batches done of all the epochs' batches, with the
   * mean loss of the current epoch's batches so far as the error.
   */
  readonly onProgress?: OnProgress;
  /**
   * Called after every mini-batch with the epochs done so far (a fraction: 2.5 is halfway through
   * the third) and that batch's loss, for a live curve.
   */
  readonly onBatch?: (epochs: number, loss: number) => void;
}

/**
 * Adam on mini-batches in a seeded shuffled order, minimising `loss(batch)` — which runs the network
 * itself, so each architecture decides what its loss adds. Awaits after every batch, so a caller's
 * event loop keeps turning. Returns the mean loss of every epoch.
 */
export async function fitAutoencoder(images: tf.Tensor2D, loss: (batch: tf.Tensor2D) => tf.Scalar, options: FitOptions): Promise<number[]> {
  const count = images.shape[0];
  const optimizer = tf.train.adam(options.learningRate);
  const random = createRandom(options.seed);
  const history: number[] = [];
  try {
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      const order = shuffled(count, random.next);
      let total = 0;
      const batches = Math.ceil(count / options.batchSize);
      for (let start = 0; start < count; start += options.batchSize) {
        const indices = order.slice(start, start + options.batchSize);
        const value = tf.tidy(() => {
          const batch = tf.gather(images, tf.tensor1d(indices, 'int32')) as tf.Tensor2D;
          return optimizer.minimize(() => loss(batch), true)!;
        });
        const batchLoss = (await value.data())[0]!;
        total += batchLoss * indices.length;
        value.dispose();
        const done = start / options.batchSize + 1;
        options.onProgress?.({ phase: 'train', done: epoch * batches + done, total: options.epochs * batches, error: total / Math.min(count, start + options.batchSize) });
        options.onBatch?.(epoch + done / batches, batchLoss);
      }
      history.push(total / count);
    }
    return history;
  } finally {
    optimizer.dispose();
  }
}

/** Fisher–Yates with the given uniform source. */
function shuffled(count: number, next: () => number): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
