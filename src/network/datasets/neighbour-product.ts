import type { Random } from '../numerics/random';
import type { SequenceSet } from './neighbour-fill';

/**
 * The neighbour-product task: the target at step t is x[t−1] · x[t+1], with 0 beyond either end;
 * inputs are uniform on [−1, 1). Each answer needs one number from the past and one from the future,
 * multiplied: a single bidirectional layer has them in different chains, which meet only in the
 * linear output layer, and a sum of a function of the past and a function of the future cannot
 * multiply them (see ONE_LAYER_FLOOR).
 */
export function neighbourProduct(sequences: number, steps: number, random: Random): SequenceSet {
  const inputs = Array.from({ length: sequences }, () => Array.from({ length: steps }, () => random.uniform(-1, 1)));
  const targets = inputs.map((x) => x.map((_, t) => (x[t - 1] ?? 0) * (x[t + 1] ?? 0)));
  const column = (rows: number[][]) => rows.map((row) => row.map((v) => [v]));
  return { inputs: column(inputs), targets: column(targets) };
}

/**
 * The least mean squared error at an inner step for an output that is a sum f(x[1..t]) + g(x[t..T]):
 * given either side alone the product's expected value is 0 (the other factor has mean 0), so the
 * best such sum predicts 0 and its error is E[x²]·E[x²] = (1/3)² = 1/9. At the first and last steps
 * the target is 0 and the floor is 0.
 */
export const ONE_LAYER_FLOOR = 1 / 9;
