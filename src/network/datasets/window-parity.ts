import type { Random } from '../numerics/random';

/** Windowed parity: a stream of random ±1 bits, and at every step the product of the last `window`. */
export interface ParityTask {
  /** How many of the latest bits the answer multiplies (1: copy the current bit). */
  readonly window: number;
  /** Steps in each sequence. */
  readonly length: number;
}

export interface ParityBatch {
  /** [sequence][step]: the bit, −1 or +1. */
  readonly bits: number[][];
  /** [sequence][step]: the product of bits t−window+1 … t (bits before the start count as +1). */
  readonly targets: number[][];
}

/**
 * Every answer needs the last `window` bits at once, combined by a function no sum of them can
 * express (flip any one bit and the answer flips): memory and a nonlinear composition together.
 */
export function parityBatch(task: ParityTask, sequences: number, random: Random): ParityBatch {
  const bits = Array.from({ length: sequences }, () => Array.from({ length: task.length }, () => (random.next() < 0.5 ? -1 : 1)));
  const targets = bits.map((row) =>
    row.map((_, t) => {
      let product = 1;
      for (let k = 0; k < task.window && t - k >= 0; k++) product *= row[t - k]!;
      return product;
    }),
  );
  return { bits, targets };
}
