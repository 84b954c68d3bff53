import * as tf from '@tensorflow/tfjs';
import { parityBatch, type ParityBatch, type ParityTask } from '../datasets/window-parity';
import { createRandom } from '../numerics/random';

export interface ParityTraining {
  readonly steps: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly seed: number;
  readonly testSize: number;
  /** Measure accuracy on the held-out set every this many steps (and after the last). */
  readonly every: number;
  readonly onMeasure?: (point: ParityPoint) => void | Promise<void>;
}

export interface ParityPoint {
  readonly step: number;
  /** Squared error on the step's training batch. */
  readonly loss: number;
  /** Share of held-out steps (from step `window` on) whose output has the right sign: 0.5 is guessing. */
  readonly accuracy: number;
}

const inputs = (batch: ParityBatch) => tf.tensor3d(batch.bits.map((row) => row.map((b) => [b])));
const targets = (batch: ParityBatch) => tf.tensor3d(batch.targets.map((row) => row.map((y) => [y])));

/** Share of steps t ≥ window − 1 whose output has the target's sign. */
export function parityAccuracy(model: tf.LayersModel, task: ParityTask, batch: ParityBatch): number {
  const outputs = tf.tidy(() => (model.predict(inputs(batch)) as tf.Tensor).arraySync() as number[][][]);
  let right = 0;
  let counted = 0;
  outputs.forEach((row, n) =>
    row.forEach(([y], t) => {
      if (t < task.window - 1) return;
      counted++;
      if (Math.sign(y!) === batch.targets[n]![t]) right++;
    }),
  );
  return right / counted;
}

/** A network learning windowed parity one Adam step at a time, so a caller can interleave several. */
export interface ParityTrainer {
  /** One Adam step on a fresh batch; returns that batch's loss (squared error at every step). */
  step(): number;
  /** Held-out accuracy now. */
  accuracy(): number;
  /** The first held-out sequence as a batch of one (a tensor the caller owns): what a living diagram shows. */
  example(): tf.Tensor;
  /** Frees the optimiser's state (the model stays the caller's). */
  dispose(): void;
}

/**
 * Backpropagation through time with Adam on the squared error at every step, a fresh seeded batch
 * each step (so only the rule can be learned, not the sequences), whatever else runs in between.
 */
export function parityTrainer(model: tf.LayersModel, task: ParityTask, options: Pick<ParityTraining, 'batchSize' | 'learningRate' | 'seed' | 'testSize'>): ParityTrainer {
  const batches = createRandom(options.seed);
  const test = parityBatch(task, options.testSize, createRandom(options.seed + 1_000_003));
  const optimizer = tf.train.adam(options.learningRate);
  return {
    step: () => {
      const batch = parityBatch(task, options.batchSize, batches);
      return tf.tidy(() => {
        const xs = inputs(batch);
        const ys = targets(batch);
        const cost = optimizer.minimize(() => tf.losses.meanSquaredError(ys, model.apply(xs, { training: true }) as tf.Tensor) as tf.Scalar, true);
        return cost!.dataSync()[0]!;
      });
    },
    accuracy: () => parityAccuracy(model, task, test),
    example: () => tf.tidy(() => inputs(test).slice([0], [1])),
    dispose: () => optimizer.dispose(),
  };
}

/** `parityTrainer` run for `options.steps` steps, measured every `options.every`: the learning curve. */
export async function trainParity(model: tf.LayersModel, task: ParityTask, options: ParityTraining): Promise<ParityPoint[]> {
  const trainer = parityTrainer(model, task, options);
  const curve: ParityPoint[] = [];
  try {
    for (let step = 1; step <= options.steps; step++) {
      const loss = trainer.step();
      if (step % options.every === 0 || step === options.steps) {
        const point = { step, loss, accuracy: trainer.accuracy() };
        curve.push(point);
        await options.onMeasure?.(point);
      }
    }
    return curve;
  } finally {
    trainer.dispose();
  }
}
