import type { Random } from '../numerics/random';
import type { TeacherForcedSet } from '../training/teacher-forcing';

const oneHot = (symbol: number, size: number): number[] => Array.from({ length: size }, (_, k) => (k === symbol ? 1 : 0));

/**
 * Running sums modulo `symbols`: the source is `length` random digits x_1 … x_T out of 0 … symbols−1,
 * the target y_t = (x_1 + … + x_t) mod symbols, the sum so far. Every y_t is fixed by the source alone,
 * but it is also y_{t−1} + x_t: a decoder handed the true y_{t−1} (teacher forcing) needs only add one
 * digit, and a decoder handed its own wrong y_{t−1} carries the mistake into every later sum.
 * The target vocabulary is the digits plus a start symbol, index `symbols`.
 */
export function runningSumSet(count: number, length: number, symbols: number, random: Random): TeacherForcedSet & { readonly digits: number[][] } {
  const digits = Array.from({ length: count }, () => Array.from({ length }, () => Math.min(symbols - 1, Math.floor(random.next() * symbols))));
  const answers = digits.map((d) => {
    let sum = 0;
    return d.map((x) => (sum = (sum + x) % symbols));
  });
  return {
    sources: digits.map((d) => d.map((x) => oneHot(x, symbols))),
    previous: answers.map((a) => [symbols, ...a.slice(0, -1)].map((y) => oneHot(y, symbols + 1))),
    targets: answers.map((a) => a.map((y) => oneHot(y, symbols + 1))),
    answers,
    start: symbols,
    digits,
  };
}
