import { createRandom } from './random';

/** Each value of `pattern` with its sign flipped with probability `noise` (seeded): a corrupted copy. */
export function corrupt(pattern: readonly number[], noise: number, seed: number): number[] {
  const random = createRandom(seed);
  return pattern.map((v) => (random.next() < noise ? -v : v));
}
