import * as tf from '@tensorflow/tfjs';
import { bitErrorByLength, copyBatch, type CopyBatch, type LengthError } from '../datasets/copy-task';
import { createRandom } from '../numerics/random';
import type { OnProgress } from './progress';

/**
 * Training and measuring on the copy task, shared by the memory networks (neural Turing machine,
 * differentiable neural computer) and the LSTM each is compared with.
 */

/**
 * The baseline the memory networks are measured against: an LSTM with a sigmoid per bit on top, of
 * about their number of parameters (the caller picks `units`), for the same copy task.
 */
export function copyLstm(bits: number, units: number, seed: number): tf.LayersModel {
  const input = tf.input({ shape: [null, bits + 1], name: 'input' });
  const lstm = tf.layers
    .lstm({ units, returnSequences: true, name: 'lstm', kernelInitializer: tf.initializers.glorotUniform({ seed }), recurrentInitializer: tf.initializers.orthogonal({ seed: seed + 1 }) })
    .apply(input) as tf.SymbolicTensor;
  const output = tf.layers.dense({ units: bits, activation: 'sigmoid', name: 'output', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 }) }).apply(lstm) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output, name: 'copy-lstm' });
}

/** A copy batch's inputs as the networks read them, [sequences, steps, bits + 1]. */
export const copyInputs = (batch: CopyBatch): tf.Tensor3D => tf.tensor3d(batch.inputs, [batch.sequences, batch.steps, batch.bits + 1]);

/** The model's outputs on a copy batch, [sequences, steps, bits] flat: what `bitErrors` scores. */
export function predictCopy(model: tf.LayersModel, batch: CopyBatch): Float32Array {
  return tf.tidy(() => (model.predict(copyInputs(batch)) as tf.Tensor).dataSync() as Float32Array);
}

export interface CopyTraining {
  /** Training batches, one gradient step each. */
  readonly batches: number;
  /** Sequences per batch. */
  readonly batchSize: number;
  /** Shortest and longest copy length trained on: each batch draws one, uniformly. */
  readonly lengths: readonly [number, number];
  readonly learningRate: number;
  readonly seed: number;
  /**
   * Largest global gradient norm a step takes (a step whose gradient is not finite is skipped): a
   * rare huge gradient through a memory would throw the weights far off. Absent: steps unclipped.
   */
  readonly clipNorm?: number;
  /** Reports phase `batches`, with the batch's loss. */
  readonly onProgress?: OnProgress;
  /** Asked before every batch; training stops when it returns true (a cancelled demo). */
  readonly cancelled?: () => boolean;
}

/** A network learning the copy task one batch at a time, so a caller can interleave several. */
export interface CopyTrainer {
  /** One gradient step on the next seeded batch; returns its loss, in nats per recalled bit. */
  step(): Promise<number>;
  /** Frees the optimiser's state (the model stays the caller's). */
  dispose(): void;
}

/**
 * Backpropagation through time with Adam on the copy task: binary cross-entropy of the outputs at
 * the recall steps only (what the network shows before the delimiter is not scored), one fresh
 * seeded batch per step: two trainers of the same options draw the same batches, whatever runs
 * between their steps.
 */
export function copyTrainer(model: tf.LayersModel, options: Omit<CopyTraining, 'batches' | 'onProgress' | 'cancelled'>): CopyTrainer {
  const random = createRandom(options.seed);
  const optimizer = tf.train.adam(options.learningRate);
  const bits = model.outputs[0]!.shape.at(-1)!;
  const [shortest, longest] = options.lengths;
  return {
    step: async () => {
      const length = shortest + Math.floor(random.next() * (longest - shortest + 1));
      const batch = copyBatch({ bits, length }, options.batchSize, random);
      const { value, grads } = tf.variableGrads(() =>
        tf.tidy(() => {
          const x = copyInputs(batch);
          const y = tf.tensor3d(batch.targets, [batch.sequences, batch.steps, bits]);
          const mask = tf.reshape(tf.tensor1d(batch.recall), [1, batch.steps, 1]);
          const p = tf.clipByValue(model.apply(x, { training: true }) as tf.Tensor, 1e-6, 1 - 1e-6);
          const ce = tf.neg(tf.add(tf.mul(y, tf.log(p)), tf.mul(tf.sub(1, y), tf.log(tf.sub(1, p)))));
          return tf.div(tf.sum(tf.mul(ce, mask)), batch.sequences * length * bits) as tf.Scalar;
        }),
      );
      applyStep(optimizer, grads, options.clipNorm);
      const loss = (await value.data())[0]!;
      tf.dispose([value, ...Object.values(grads)]);
      return loss;
    },
    dispose: () => optimizer.dispose(),
  };
}

/** `copyTrainer` for `options.batches` batches (or until cancelled). Returns the loss of each batch. */
export async function trainCopy(model: tf.LayersModel, options: CopyTraining): Promise<number[]> {
  const trainer = copyTrainer(model, options);
  const losses: number[] = [];
  try {
    for (let b = 0; b < options.batches && !options.cancelled?.(); b++) {
      losses.push(await trainer.step());
      options.onProgress?.({ phase: 'batches', done: b + 1, total: options.batches, error: losses.at(-1) });
      if (b % 5 === 4) await tf.nextFrame();
    }
    return losses;
  } finally {
    trainer.dispose();
  }
}

/** One optimizer step, its gradients scaled down to a global norm of `clipNorm` where given. */
function applyStep(optimizer: tf.Optimizer, grads: tf.NamedTensorMap, clipNorm: number | undefined): void {
  if (clipNorm === undefined) {
    optimizer.applyGradients(grads);
    return;
  }
  const norm = tf.tidy(() => Math.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g)))).dataSync()[0]!));
  if (!Number.isFinite(norm)) return;
  const scaled = Object.entries(grads).map(([name, g]) => ({ name, tensor: tf.mul(g, Math.min(1, clipNorm / norm)) }));
  optimizer.applyGradients(scaled);
  tf.dispose(scaled.map((s) => s.tensor));
}

/**
 * `bitErrorByLength` of two networks side by side, one length at a time: each network from its own
 * stream of test sequences seeded with `seed` (so the same sequences as measuring every length at
 * once), with `onLength` after each length, so that both curves can be shown as they grow.
 */
export function bitErrorsSideBySide(
  models: readonly [tf.LayersModel, tf.LayersModel],
  test: { readonly bits: number; readonly lengths: readonly number[]; readonly sequences: number; readonly seed: number },
  onLength: (length: number, errors: readonly [readonly LengthError[], readonly LengthError[]]) => void,
): [LengthError[], LengthError[]] {
  const errors: [LengthError[], LengthError[]] = [[], []];
  const streams = models.map(() => createRandom(test.seed));
  for (const length of test.lengths) {
    models.forEach((model, m) => errors[m]!.push(...bitErrorByLength((b) => predictCopy(model, b), test.bits, [length], test.sequences, streams[m]!)));
    onLength(length, errors);
  }
  return errors;
}
