import type { Random } from '../numerics/random';

/**
 * The copy task of Graves, Wayne & Danihelka (2014): read a sequence of random binary vectors,
 * then, after a delimiter, write the same sequence back with no input to look at.
 *
 * A sequence of `length` L has 2L + 1 steps and `bits` + 1 input channels:
 *   steps 0 … L−1      the vectors, each bit 0 or 1 with probability ½ (delimiter channel 0);
 *   step  L            the delimiter: channel `bits` is 1, every other channel 0;
 *   steps L+1 … 2L     blank input; the targets are the vectors of steps 0 … L−1, in order.
 * Targets are `bits` wide and 0 outside the recall steps; only the recall steps are scored.
 */
export interface CopyTask {
  /** Bits per vector (≥ 1). The input has one more channel, the delimiter. */
  readonly bits: number;
  /** Vectors per sequence (≥ 1). */
  readonly length: number;
}

export interface CopyBatch {
  /** `[sequences, steps, bits + 1]`, row-major. */
  readonly inputs: Float32Array;
  /** `[sequences, steps, bits]`, row-major: the vectors again at the recall steps, 0 elsewhere. */
  readonly targets: Float32Array;
  /** `[steps]`: 1 at the recall steps (the only ones scored), 0 elsewhere. */
  readonly recall: Float32Array;
  readonly sequences: number;
  readonly steps: number;
  readonly bits: number;
  readonly length: number;
}

/** Steps of a copy sequence of `length` vectors: the vectors, the delimiter, the recall. */
export const copySteps = (length: number): number => 2 * length + 1;

function check(task: CopyTask, sequences: number): void {
  if (!(Number.isInteger(task.bits) && task.bits >= 1)) throw new Error(`copy task: invalid bits: ${task.bits} (expected an integer ≥ 1)`);
  if (!(Number.isInteger(task.length) && task.length >= 1)) throw new Error(`copy task: invalid length: ${task.length} (expected an integer ≥ 1)`);
  if (!(Number.isInteger(sequences) && sequences >= 1)) throw new Error(`copy task: invalid sequences: ${sequences} (expected an integer ≥ 1)`);
}

/** `sequences` fresh copy sequences, all of `task.length` vectors, drawn from `random`. */
export function copyBatch(task: CopyTask, sequences: number, random: Random): CopyBatch {
  check(task, sequences);
  const { bits, length } = task;
  const steps = copySteps(length);
  const channels = bits + 1;
  const inputs = new Float32Array(sequences * steps * channels);
  const targets = new Float32Array(sequences * steps * bits);
  const recall = new Float32Array(steps);
  for (let t = length + 1; t < steps; t++) recall[t] = 1;
  for (let s = 0; s < sequences; s++) {
    for (let t = 0; t < length; t++)
      for (let b = 0; b < bits; b++) {
        const bit = random.next() < 0.5 ? 0 : 1;
        inputs[(s * steps + t) * channels + b] = bit;
        targets[(s * steps + length + 1 + t) * bits + b] = bit;
      }
    inputs[(s * steps + length) * channels + bits] = 1;
  }
  return { inputs, targets, recall, sequences, steps, bits, length };
}

/**
 * Bits wrong in each sequence: over the recall steps, how many outputs thresholded at ½ differ
 * from the target. `outputs` is `[sequences, steps, bits]` like `batch.targets` (probabilities
 * or anything thresholded at ½). Returns one count per sequence.
 */
export function bitErrors(outputs: ArrayLike<number>, batch: CopyBatch): Float32Array {
  const { sequences, steps, bits } = batch;
  if (outputs.length !== sequences * steps * bits)
    throw new Error(`copy task: expected ${sequences * steps * bits} outputs [${sequences}, ${steps}, ${bits}], but got ${outputs.length}`);
  const errors = new Float32Array(sequences);
  for (let s = 0; s < sequences; s++)
    for (let t = 0; t < steps; t++) {
      if (!batch.recall[t]) continue;
      for (let b = 0; b < bits; b++) {
        const at = (s * steps + t) * bits + b;
        if (outputs[at]! >= 0.5 !== batch.targets[at]! >= 0.5) errors[s]!++;
      }
    }
  return errors;
}

export interface LengthError {
  readonly length: number;
  /** Mean over the sequences of bits wrong per sequence (out of length × bits). */
  readonly bitsWrong: number;
}

/**
 * Bit error per sequence against sequence length: for each length, a fresh batch of `sequences`
 * copy sequences from `random`, run through `predict` (which returns `[sequences, steps, bits]`
 * outputs), and the mean of bits wrong per sequence. Lengths may exceed those trained on.
 */
export function bitErrorByLength(
  predict: (batch: CopyBatch) => ArrayLike<number>,
  bits: number,
  lengths: readonly number[],
  sequences: number,
  random: Random,
): LengthError[] {
  return lengths.map((length) => {
    const batch = copyBatch({ bits, length }, sequences, random);
    const errors = bitErrors(predict(batch), batch);
    return { length, bitsWrong: errors.reduce((a, b) => a + b, 0) / sequences };
  });
}
