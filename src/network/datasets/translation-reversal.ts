import type { Random } from '../numerics/random';

/**
 * Reversal as a translation task for an encoder–decoder trained with teacher forcing: the source is
 * x_0 … x_{n−1}, the target y_i = x_{n−1−i}, and the decoder reads the target shifted right, a start
 * symbol first (position i sees y_0 … y_{i−1}). Symbols 0 … alphabet − 1 are the letters; symbol
 * `alphabet` is the start symbol, so the shared vocabulary has alphabet + 1 symbols. One-hot.
 */
export interface TranslationSet {
  /** [count][length][alphabet + 1]: x_j at source position j. */
  readonly sources: number[][][];
  /** [count][length][alphabet + 1]: the decoder's input, start symbol, then y_0 … y_{n−2}. */
  readonly shifted: number[][][];
  /** [count][length][alphabet + 1]: y_i, what decoder position i must say. */
  readonly targets: number[][][];
  /** [count][length]: the source letters as indices. */
  readonly symbols: number[][];
}

export const oneHot = (symbol: number, width: number): number[] => Array.from({ length: width }, (_, k) => (k === symbol ? 1 : 0));

/** `count` uniformly random sequences of `length` letters out of `alphabet`, with their reversals. */
export function translationReversal(count: number, length: number, alphabet: number, random: Random): TranslationSet {
  const width = alphabet + 1;
  const sequences = Array.from({ length: count }, () => Array.from({ length }, () => Math.min(alphabet - 1, Math.floor(random.next() * alphabet))));
  const reversed = sequences.map((s) => [...s].reverse());
  return {
    sources: sequences.map((s) => s.map((x) => oneHot(x, width))),
    shifted: reversed.map((y) => [alphabet, ...y.slice(0, -1)].map((x) => oneHot(x, width))),
    targets: reversed.map((y) => y.map((x) => oneHot(x, width))),
    symbols: sequences,
  };
}
