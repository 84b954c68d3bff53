import * as tf from '@tensorflow/tfjs';
import { CUE_VARIANCE, RECALL_CHANNELS, recallBatch, type RecallBatch, type RecallTask } from '../datasets/delayed-recall';
import { createRandom } from '../numerics/random';

export interface RecallTraining {
  /** Adam steps, each on a fresh batch. */
  readonly steps: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** Seeds the batches; the test set is drawn from a stream of its own. */
  readonly seed: number;
  /** Sequences in the held-out test set that recall is measured on. */
  readonly testSize: number;
  /** Measure recall every this many steps (and after the last). */
  readonly every: number;
  /** Called after each measurement; may be async so a worker can yield, report, or be cancelled. */
  readonly onMeasure?: (point: RecallPoint) => void | Promise<void>;
}

/**
 * One point of a learning curve: after `step` Adam steps, the batch loss and `recall` on the test
 * set — the share of the cues' variance the answers explain (R² = 1 − MSE / Var(cue)): 1 is
 * perfect, 0 is no better than always answering 0, the mean cue.
 */
export interface RecallPoint {
  readonly step: number;
  readonly loss: number;
  readonly recall: number;
}

const inputTensor = (batch: RecallBatch) => tf.tensor3d(batch.inputs, [batch.sequences, batch.steps, RECALL_CHANNELS]);

/** A sequence model's answer (per-step outputs `[n, steps, 1]`) at the recall step, the last one: the only output scored. */
function answers(model: tf.LayersModel, xs: tf.Tensor3D, training: boolean): tf.Tensor1D {
  const out = model.apply(xs, { training }) as tf.Tensor3D;
  const [n, steps] = out.shape;
  return out.slice([0, steps - 1, 0], [n, 1, 1]).reshape([n]);
}

/** R² of a model's answers on a batch: 1 − mean squared error / the cues' variance. */
export function recallScore(model: tf.LayersModel, batch: RecallBatch): number {
  const mse = tf.tidy(() => tf.losses.meanSquaredError(tf.tensor1d(batch.cues), answers(model, inputTensor(batch), false)).dataSync()[0]!);
  return 1 - mse / CUE_VARIANCE;
}

/** A network learning delayed recall one Adam step at a time, so a caller can interleave several. */
export interface RecallTrainer {
  /** One Adam step on a fresh batch; returns that batch's loss (squared error at the recall step). */
  step(): number;
  /** Recall (R²) on the held-out test set now. */
  recall(): number;
  /** The first held-out sequence as a batch of one (a tensor the caller owns): what a living diagram shows. */
  example(): tf.Tensor;
  /** Frees the optimiser's state (the model stays the caller's). */
  dispose(): void;
}

/**
 * Backpropagation through time with Adam on the squared error at the recall step only: each step
 * draws a fresh batch, so the network cannot memorise sequences, only the rule. Seeded throughout,
 * so a seeded model trains the same way each time, whatever else runs between its steps.
 */
export function recallTrainer(model: tf.LayersModel, task: RecallTask, options: Pick<RecallTraining, 'batchSize' | 'learningRate' | 'seed' | 'testSize'>): RecallTrainer {
  const batches = createRandom(options.seed);
  const test = recallBatch(task, options.testSize, createRandom(options.seed + 1_000_003));
  const optimizer = tf.train.adam(options.learningRate);
  return {
    step: () => {
      const batch = recallBatch(task, options.batchSize, batches);
      return tf.tidy(() => {
        const xs = inputTensor(batch);
        const cues = tf.tensor1d(batch.cues);
        const cost = optimizer.minimize(() => tf.losses.meanSquaredError(cues, answers(model, xs, true)) as tf.Scalar, true);
        return cost!.dataSync()[0]!;
      });
    },
    recall: () => recallScore(model, test),
    example: () => tf.tidy(() => inputTensor(test).slice([0], [1])),
    dispose: () => optimizer.dispose(),
  };
}

/** `recallTrainer` run for `options.steps` steps, measured every `options.every`: the learning curve. */
export async function trainRecall(model: tf.LayersModel, task: RecallTask, options: RecallTraining): Promise<RecallPoint[]> {
  const trainer = recallTrainer(model, task, options);
  const curve: RecallPoint[] = [];
  try {
    for (let step = 1; step <= options.steps; step++) {
      const loss = trainer.step();
      if (step % options.every === 0 || step === options.steps) {
        const point = { step, loss, recall: trainer.recall() };
        curve.push(point);
        await options.onMeasure?.(point);
      }
    }
    return curve;
  } finally {
    trainer.dispose();
  }
}
