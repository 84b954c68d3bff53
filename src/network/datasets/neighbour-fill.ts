import type { Random } from '../numerics/random';

/** Sequences of one feature, as nested arrays: [sequence][step][feature]. */
export interface SequenceSet {
  readonly inputs: readonly (readonly (readonly number[])[])[];
  readonly targets: readonly (readonly (readonly number[])[])[];
}

/**
 * The future-context task: every position of a sequence is treated as a gap to fill from its two
 * neighbours, so the target at step t is (x[t−1] + x[t+1]) / 2, with 0 beyond either end. Inputs are
 * uniform on [−1, 1). Half of every answer but the last lies one step in the future: a network that
 * reads the sequence forward only has not seen it yet when it must answer.
 */
export function neighbourFill(sequences: number, steps: number, random: Random): SequenceSet {
  const inputs = Array.from({ length: sequences }, () => Array.from({ length: steps }, () => random.uniform(-1, 1)));
  const targets = inputs.map((x) => x.map((_, t) => ((x[t - 1] ?? 0) + (x[t + 1] ?? 0)) / 2));
  const column = (rows: number[][]) => rows.map((row) => row.map((v) => [v]));
  return { inputs: column(inputs), targets: column(targets) };
}

/**
 * The least mean squared error a forward-only network can reach at a step whose right neighbour
 * exists: its best guess for x[t+1] is the mean, 0, and the error is the variance of x[t+1] / 2,
 * (1/3) / 4 = 1/12. At the last step the right neighbour is the padding 0, and the floor is 0.
 */
export const FORWARD_ONLY_FLOOR = 1 / 12;
