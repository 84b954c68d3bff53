import { createRandom } from '../numerics/random';

export interface DelayedBits {
  /** [sequence][step][1]: a random bit, as −1 or +1. */
  readonly inputs: number[][][];
  /** [sequence][step][1]: the bit seen `delay` steps earlier, as 0 or 1 (0 before there was one). */
  readonly targets: number[][][];
  readonly delay: number;
}

/**
 * Delayed recall: a stream of random bits, and at every step the task of naming the bit from `delay`
 * steps back. Nothing in the current input helps; the answer must have been kept in the state for
 * exactly `delay` steps, while new bits keep arriving. Seeded: the same options give the same data.
 */
export function delayedBits(options: { sequences: number; length: number; delay: number; seed: number }): DelayedBits {
  const { sequences, length, delay } = options;
  if (!(Number.isInteger(delay) && delay >= 1 && delay < length)) throw new Error(`delayedBits: expected delay to be an integer in [1, length − 1 = ${length - 1}], but got ${delay}`);
  const random = createRandom(options.seed);
  const bits = Array.from({ length: sequences }, () => Array.from({ length }, () => (random.next() < 0.5 ? 0 : 1)));
  return {
    inputs: bits.map((row) => row.map((b) => [2 * b - 1])),
    targets: bits.map((row) => row.map((_, t) => [t >= delay ? row[t - delay]! : 0])),
    delay,
  };
}

/** Share of steps t ≥ delay whose output is on the right side of 0.5: 0.5 is guessing. */
export function recallAccuracy(outputs: readonly (readonly (readonly number[])[])[], data: DelayedBits): number {
  let correct = 0;
  let counted = 0;
  outputs.forEach((row, n) =>
    row.forEach((out, t) => {
      if (t < data.delay) return;
      counted++;
      if ((out[0]! >= 0.5 ? 1 : 0) === data.targets[n]![t]![0]) correct++;
    }),
  );
  return correct / counted;
}
