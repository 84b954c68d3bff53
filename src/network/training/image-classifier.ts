import * as tf from '@tensorflow/tfjs';
import { useFastConvolutionGradients, useWasmConvolutionGradients } from '../kernels/conv2d-backprop-filter';
import { useFastMaxPoolGradients } from '../kernels/max-pool-grad';

/** Images as flat rows of pixels (row by row, channels last), with the class each shows. */
export interface LabelledImages {
  readonly images: readonly Float32Array[];
  readonly labels: readonly number[];
}


export interface ImageTrainingOptions {
  readonly epochs: number;
  readonly learningRate: number;
  readonly batchSize: number;
  /**
   * Called after each epoch with the epoch's mean training loss (categorical cross-entropy);
   * awaited, so a caller can score the model, report or show a plot.
   */
  readonly onEpoch?: (epoch: number, loss: number) => void | Promise<void>;
  /**
   * Called after each mini-batch step with the loss of the batch it stepped on, `batch` counting
   * from 1 within the epoch; awaited, so two trainings run side by side take turns.
   */
  readonly onBatch?: (epoch: number, batch: number, batches: number, loss: number) => void | Promise<void>;
}

/** The rows as one batch shaped like the model's image input: [n, height, width, channels]. */
function imageBatch(model: tf.LayersModel, images: readonly Float32Array[]): tf.Tensor4D {
  const [, height, width, channels] = model.inputs[0]!.shape as number[];
  const length = height! * width! * channels!;
  const flat = new Float32Array(images.length * length);
  images.forEach((image, i) => {
    if (image.length !== length) throw new Error(`trainImageClassifier: expected images of ${length} values (${height}×${width}×${channels}), but got ${image.length}`);
    flat.set(image, i * length);
  });
  return tf.tensor4d(flat, [images.length, height!, width!, channels!]);
}

/** Share of `set` whose most probable class is its label. */
export function imageAccuracy(model: tf.LayersModel, set: LabelledImages): number {
  const predicted = tf.tidy(() => (model.predict(imageBatch(model, set.images)) as tf.Tensor2D).argMax(1).dataSync());
  return set.labels.filter((label, i) => predicted[i] === label).length / set.labels.length;
}

/**
 * Backpropagation with Adam on categorical cross-entropy, mini-batches in a fixed order (no
 * shuffling), so a seeded model trains to the same weights every time. The same procedure for
 * every network it is handed, so two networks compared on it differ only in themselves. Returns
 * the training loss of each epoch. On the CPU backend the gradients of convolutions and of max
 * pooling run on faster kernels with the same results (src/network/kernels/).
 */
export async function trainImageClassifier(
  model: tf.LayersModel,
  train: LabelledImages,
  classes: number,
  options: ImageTrainingOptions,
): Promise<number[]> {
  const xs = imageBatch(model, train.images);
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(train.labels as number[], 'int32'), classes).toFloat());
  const optimizer = tf.train.adam(options.learningRate);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  useFastConvolutionGradients();
  useWasmConvolutionGradients();
  useFastMaxPoolGradients();
  const losses: number[] = [];
  const batches = Math.ceil(train.images.length / options.batchSize);
  try {
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      const onBatch = options.onBatch;
      const history = await model.fit(xs, ys, {
        epochs: 1,
        batchSize: options.batchSize,
        shuffle: false,
        verbose: 0,
        ...(onBatch ? { callbacks: { onBatchEnd: (batch: number, logs?: tf.Logs) => onBatch(epoch, batch + 1, batches, logs!.loss!) } } : {}),
      });
      const loss = history.history.loss!.at(-1) as number;
      losses.push(loss);
      await options.onEpoch?.(epoch, loss);
    }
    return losses;
  } finally {
    tf.dispose([xs, ys]);
    // The model does not own an optimizer it was handed: its moment estimates are freed here.
    optimizer.dispose();
  }
}
