import * as tf from '@tensorflow/tfjs';

/** Sequences and their targets, `[sequence][step][channel]`. */
export interface SequenceData {
  readonly inputs: readonly (readonly (readonly number[])[])[];
  readonly targets: readonly (readonly (readonly number[])[])[];
}

export interface SideBySideOptions {
  readonly epochs: number;
  readonly learningRate: number;
  /** The compiled loss (default mean squared error). */
  readonly loss?: 'meanSquaredError' | 'binaryCrossentropy';
  /** After each epoch: the epoch (from 0) and each network's loss after it, in the order given. */
  readonly onEpoch?: (epoch: number, losses: readonly number[]) => void | Promise<void>;
}

export interface SideBySideRun {
  /** Each network's loss after every epoch. */
  readonly losses: readonly (readonly number[])[];
  /** Each network's own training time, in seconds. */
  readonly seconds: readonly number[];
}

/**
 * Full-batch Adam for several networks at once, interleaved: each epoch, one step for each network
 * in the given order, so every learning curve grows from the start (a demo shows them side by side
 * while they train). Each network has its own optimiser, and a step is the one `model.fit` takes with
 * the whole set as its batch and no shuffling: every network's losses are those it would reach
 * trained alone. The tensors made here (data, optimiser state) are disposed.
 */
export async function trainSideBySide(models: readonly tf.LayersModel[], data: SequenceData, options: SideBySideOptions): Promise<SideBySideRun> {
  const [xs, ys] = [tf.tensor3d(data.inputs as number[][][]), tf.tensor3d(data.targets as number[][][])];
  const optimizers = models.map((model) => {
    const optimizer = tf.train.adam(options.learningRate);
    model.compile({ optimizer, loss: options.loss ?? 'meanSquaredError' });
    return optimizer;
  });
  const losses: number[][] = models.map(() => []);
  const seconds = models.map(() => 0);
  try {
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      for (const [k, model] of models.entries()) {
        const start = performance.now();
        losses[k]!.push((await model.trainOnBatch(xs, ys)) as number);
        seconds[k]! += (performance.now() - start) / 1000;
      }
      await options.onEpoch?.(
        epoch,
        losses.map((l) => l.at(-1)!),
      );
    }
    return { losses, seconds };
  } finally {
    for (const optimizer of optimizers) optimizer.dispose();
    xs.dispose();
    ys.dispose();
  }
}
