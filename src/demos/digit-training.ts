import type { FitOptions } from '../network/autoencoder';
import { everyBatch, type BatchLoss } from './batch-loss';
import type { ProgressPlan } from './progress-plan';

/**
 * How the digit autoencoder demos train: the reader's `epochs` over the 1000 training digits in
 * mini-batches of 100, shuffled with seed 7, at `learningRate`, with the page kept live at every
 * batch (`everyBatch`: progress of stage `fit`, a point on `curve`, the pictures `live` draws).
 */
export const digitTraining = (
  options: Pick<FitOptions, 'epochs' | 'learningRate'>,
  progress: ProgressPlan,
  curve: BatchLoss,
  live: () => readonly string[],
): FitOptions => ({ ...options, batchSize: 100, seed: 7, ...everyBatch(progress, curve, live) });
