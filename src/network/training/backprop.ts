import * as tf from '@tensorflow/tfjs';
import { useFastConvolutionGradients, useWasmConvolutionGradients } from '../kernels/conv2d-backprop-filter';
import { useFastMaxPoolGradients } from '../kernels/max-pool-grad';

export interface BackpropOptions {
  readonly epochs: number;
  readonly learningRate: number;
  readonly loss: 'binaryCrossentropy' | 'meanSquaredError';
}

/**
 * Full-batch gradient descent with Adam: every example in every step, in a fixed order, so a
 * seeded model trains to the same weights each time. Returns the final loss.
 */
export async function trainWithAdam(model: tf.LayersModel, xs: tf.Tensor, ys: tf.Tensor, options: BackpropOptions): Promise<number> {
  model.compile({ optimizer: tf.train.adam(options.learningRate), loss: options.loss });
  try {
    const history = await model.fit(xs, ys, { epochs: options.epochs, batchSize: xs.shape[0], shuffle: false, verbose: 0 });
    return history.history.loss!.at(-1) as number;
  } finally {
    xs.dispose();
    ys.dispose();
  }
}

export interface EpochOptions {
  readonly epochs: number;
  readonly learningRate: number;
  readonly batchSize: number;
  /** Called after each epoch with its mean loss; awaited, so a caller can yield or report. */
  readonly onEpoch?: (epoch: number, loss: number) => void | Promise<void>;
  /**
   * Called after each mini-batch step with the loss of the batch it stepped on, `batch` counting
   * from 1 within the epoch; awaited. For a live picture of learning between epochs.
   */
  readonly onBatch?: (epoch: number, batch: number, batches: number, loss: number) => void | Promise<void>;
}

/**
 * Backpropagation with Adam on `loss`, in mini-batches taken in a fixed order so a seeded model
 * trains to the same weights each time, one epoch at a time so the caller can report between them.
 * Returns the loss per epoch; `xs` and `ys` stay the caller's to dispose. On the CPU backend the
 * gradients of convolutions and of max pooling run on faster kernels with the same results
 * (src/network/kernels/).
 */
export async function fitEpochs(
  model: tf.LayersModel,
  xs: tf.Tensor,
  ys: tf.Tensor,
  loss: string | ((yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor),
  options: EpochOptions,
): Promise<number[]> {
  const optimizer = tf.train.adam(options.learningRate);
  model.compile({ optimizer, loss });
  useFastConvolutionGradients();
  useWasmConvolutionGradients();
  useFastMaxPoolGradients();
  const losses: number[] = [];
  const batches = Math.ceil(xs.shape[0] / options.batchSize);
  const onBatch = options.onBatch;
  try {
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      const history = await model.fit(xs, ys, {
        epochs: 1,
        batchSize: options.batchSize,
        shuffle: false,
        verbose: 0,
        ...(onBatch ? { callbacks: { onBatchEnd: (batch: number, logs?: tf.Logs) => onBatch(epoch + 1, batch + 1, batches, logs!.loss!) } } : {}),
      });
      const value = history.history.loss!.at(-1) as number;
      losses.push(value);
      await options.onEpoch?.(epoch + 1, value);
    }
    return losses;
  } finally {
    optimizer.dispose();
  }
}
