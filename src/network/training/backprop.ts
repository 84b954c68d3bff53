import * as tf from '@tensorflow/tfjs';

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
