import type { Random } from '../numerics/random';

/** Sequences of symbols and their reversals, one-hot: the toy translation task of the attention network. */
export interface ReversalSet {
  /** [count][length][symbols]: symbol x_j at source position j, one-hot. */
  readonly sources: number[][][];
  /** [count][length][symbols]: the target y_i = x_{length−1−i}, one-hot. */
  readonly targets: number[][][];
  /** [count][length]: the source symbols as indices, for reading results. */
  readonly symbols: number[][];
}

const oneHot = (symbol: number, symbols: number): number[] => Array.from({ length: symbols }, (_, k) => (k === symbol ? 1 : 0));

/** `count` uniformly random sequences of `length` symbols out of `symbols`, with their reversals. */
export function reversalSet(count: number, length: number, symbols: number, random: Random): ReversalSet {
  const sequences = Array.from({ length: count }, () => Array.from({ length }, () => Math.min(symbols - 1, Math.floor(random.next() * symbols))));
  return {
    sources: sequences.map((s) => s.map((x) => oneHot(x, symbols))),
    targets: sequences.map((s) => [...s].reverse().map((x) => oneHot(x, symbols))),
    symbols: sequences,
  };
}

/** The source position output position i must read when reversing a sequence of `length`: length − 1 − i. */
export const reversedPosition = (i: number, length: number): number => length - 1 - i;
