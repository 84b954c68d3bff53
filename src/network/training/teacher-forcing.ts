import * as tf from '@tensorflow/tfjs';
import type { ReversalSet } from '../datasets/reversal';
import type { OnProgress } from './progress';

/**
 * A sequence-to-sequence task as a decoder trained with teacher forcing sees it. The target vocabulary
 * is the source's `symbols` plus one start symbol, index `symbols`, which is never a right answer.
 */
export interface TeacherForcedSet {
  /** [count][length][symbols]: the source, one-hot. */
  readonly sources: number[][][];
  /** [count][length][symbols + 1]: the target shifted right, one-hot: the start symbol, then y_1 … y_{T−1}. */
  readonly previous: number[][][];
  /** [count][length][symbols + 1]: the target y_1 … y_T, one-hot. */
  readonly targets: number[][][];
  /** [count][length]: the target symbols as indices, for scoring. */
  readonly answers: number[][];
  /** Index of the start symbol: the source alphabet's size. */
  readonly start: number;
}

const oneHot = (symbol: number, size: number): number[] => Array.from({ length: size }, (_, k) => (k === symbol ? 1 : 0));

/** Reversal as a translation task: the source as it is, the reversed sequence as the target, shifted right for the decoder's input. */
export function teacherForcedReversal(set: ReversalSet, symbols: number): TeacherForcedSet {
  const answers = set.symbols.map((s) => [...s].reverse());
  return {
    sources: set.sources,
    previous: answers.map((a) => [symbols, ...a.slice(0, -1)].map((y) => oneHot(y, symbols + 1))),
    targets: answers.map((a) => a.map((y) => oneHot(y, symbols + 1))),
    answers,
    start: symbols,
  };
}

/**
 * Teacher forcing: at every step the decoder reads the true previous target symbol, whatever it would
 * have said itself, and all steps are trained at once on the cross-entropy of each target symbol.
 * Adam, minibatches in a fixed order (a seeded model trains to the same weights each time). Reports
 * phase `epochs`; returns the training loss after each epoch.
 */
export async function trainTeacherForced(
  model: tf.LayersModel,
  set: Pick<TeacherForcedSet, 'sources' | 'previous' | 'targets'>,
  options: { epochs: number; learningRate: number; batchSize: number; onProgress?: OnProgress; onEpoch?: (epoch: number) => void },
): Promise<number[]> {
  const optimizer = tf.train.adam(options.learningRate);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  const [xs, previous, ys] = [tf.tensor3d(set.sources), tf.tensor3d(set.previous), tf.tensor3d(set.targets)];
  try {
    const history = await model.fit([xs, previous], ys, {
      epochs: options.epochs,
      batchSize: options.batchSize,
      shuffle: false,
      verbose: 0,
      callbacks: {
        onEpochEnd: (epoch, logs) => {
          options.onProgress?.({ phase: 'epochs', done: epoch + 1, total: options.epochs, error: logs?.loss });
          options.onEpoch?.(epoch + 1);
        },
      },
    });
    return history.history.loss as number[];
  } finally {
    optimizer.dispose();
    tf.dispose([xs, previous, ys]);
  }
}

/** A model trained with teacher forcing one minibatch at a time, so a caller can interleave several. */
export interface TeacherForcedTrainer {
  /** Minibatches in one pass over the set. */
  readonly batches: number;
  /** One Adam step on the next minibatch, in `trainTeacherForced`'s fixed order; returns its loss. */
  step(): Promise<number>;
  /** Frees the data and the optimiser's state (the model stays the caller's). */
  dispose(): void;
}

/**
 * `trainTeacherForced` step by step: the same optimiser, loss and minibatches in the same order, so
 * the weights after k steps are those `model.fit` reaches after k minibatches, and the mean of an
 * epoch's step losses is the loss `fit` reports for it (the minibatches are equally large, or the
 * last is weighted by its size there; pass sizes that divide the set for identical figures).
 */
export function teacherForcedTrainer(
  model: tf.LayersModel,
  set: Pick<TeacherForcedSet, 'sources' | 'previous' | 'targets'>,
  options: { learningRate: number; batchSize: number },
): TeacherForcedTrainer {
  const optimizer = tf.train.adam(options.learningRate);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  const count = set.sources.length;
  const batches = Math.ceil(count / options.batchSize);
  const slices = Array.from({ length: batches }, (_, b) => {
    const [from, to] = [b * options.batchSize, Math.min(count, (b + 1) * options.batchSize)];
    return [tf.tensor3d(set.sources.slice(from, to)), tf.tensor3d(set.previous.slice(from, to)), tf.tensor3d(set.targets.slice(from, to))] as const;
  });
  let next = 0;
  return {
    batches,
    step: async () => {
      const [xs, previous, ys] = slices[next]!;
      next = (next + 1) % batches;
      return (await model.trainOnBatch([xs, previous], ys)) as number;
    },
    dispose: () => {
      optimizer.dispose();
      tf.dispose(slices.flat());
    },
  };
}

/** The decoder fed the true previous symbols (as in training): one pass, the most probable symbol at every step. */
export function teacherForcedPredictions(model: tf.LayersModel, set: Pick<TeacherForcedSet, 'sources' | 'previous'>): number[][] {
  return tf.tidy(() => (model.predict([tf.tensor3d(set.sources), tf.tensor3d(set.previous)]) as tf.Tensor).argMax(-1).arraySync() as number[][]);
}

/**
 * Free running (greedy decoding): the decoder fed its own previous prediction. Step t runs the model on
 * the start symbol and the t − 1 symbols it has chosen so far and keeps the most probable symbol at
 * step t; a mistake is then the next step's input. The decoder is causal (its LSTMs run forward in
 * time), so the prefix is all step t can depend on. Returns the `length` symbols chosen for each source.
 */
export function freeRunningPredictions(model: tf.LayersModel, sources: number[][][], length: number, start: number): number[][] {
  const size = start + 1;
  const chosen: number[][] = sources.map(() => []);
  for (let t = 0; t < length; t++) {
    const next = tf.tidy(() => {
      const prefix = chosen.map((c) => [start, ...c].map((y) => oneHot(y, size)));
      const probabilities = model.predict([tf.tensor3d(sources), tf.tensor3d(prefix)]) as tf.Tensor3D;
      return probabilities.slice([0, t, 0], [-1, 1, -1]).argMax(-1).reshape([-1]).arraySync() as number[];
    });
    next.forEach((y, n) => chosen[n]!.push(y));
  }
  return chosen;
}

/**
 * A reader of the attention weights α (batch, T, S) for teacher-forced inputs: a second model on the
 * same layers, built once, so a demo can read α many times while training at the cost of a pass.
 */
export function attentionReader(model: tf.LayersModel): (set: Pick<TeacherForcedSet, 'sources' | 'previous'>) => number[][][] {
  const alpha = tf.model({ inputs: model.inputs, outputs: model.getLayer('score').output as tf.SymbolicTensor });
  return (set) => tf.tidy(() => (alpha.predict([tf.tensor3d(set.sources), tf.tensor3d(set.previous)]) as tf.Tensor).arraySync() as number[][][]);
}

/** The attention weights α (batch, T, S) for the teacher-forced inputs, read once. */
export function attentionWeights(model: tf.LayersModel, set: Pick<TeacherForcedSet, 'sources' | 'previous'>): number[][][] {
  return attentionReader(model)(set);
}

/** How right a set of predictions is: per symbol, per whole sequence, and per position. */
export interface Scores {
  readonly symbols: number;
  readonly sequences: number;
  readonly byPosition: number[];
}

export function scoresOf(predicted: readonly (readonly number[])[], answers: readonly (readonly number[])[]): Scores {
  const right = predicted.map((row, n) => row.map((y, t) => y === answers[n]![t]));
  const length = answers[0]!.length;
  const mean = (xs: readonly boolean[]) => xs.filter(Boolean).length / xs.length;
  return {
    symbols: mean(right.flat()),
    sequences: mean(right.map((r) => r.every(Boolean))),
    byPosition: Array.from({ length }, (_, t) => mean(right.map((r) => r[t]!))),
  };
}

/**
 * Errors compounding: among the steps that follow a free-running mistake (some earlier symbol wrong),
 * the share free running gets right, and the share teacher forcing gets right at those same steps of
 * those same sequences, where the decoder is handed the true symbols instead of its own mistakes.
 */
export function afterMistake(free: readonly (readonly number[])[], forced: readonly (readonly number[])[], answers: readonly (readonly number[])[]): { steps: number; free: number; forced: number } {
  let steps = 0;
  let freeRight = 0;
  let forcedRight = 0;
  free.forEach((row, n) => {
    const first = row.findIndex((y, t) => y !== answers[n]![t]);
    if (first < 0) return;
    for (let t = first + 1; t < row.length; t++) {
      steps++;
      if (row[t] === answers[n]![t]) freeRight++;
      if (forced[n]![t] === answers[n]![t]) forcedRight++;
    }
  });
  return { steps, free: steps ? freeRight / steps : 0, forced: steps ? forcedRight / steps : 0 };
}
