import { createRandom } from './numerics/random';

/**
 * Small data sets generated on the spot (nothing is downloaded): the same functions feed the
 * behaviour tests and the in-browser demos, so a passing test means a working demo.
 */

/** A quasi-periodic series: two sines with incommensurate periods, so it never exactly repeats. */
export function twoSineSeries(length: number): number[] {
  return Array.from({ length }, (_, t) => 0.6 * Math.sin(0.2 * t) + 0.4 * Math.sin(0.0311 * 10 * t));
}

/** One-step-ahead pairs: input u(t), target u(t+1), each as a one-feature row. */
export function nextStepPairs(series: readonly number[]): { inputs: number[][]; targets: number[][] } {
  return {
    inputs: series.slice(0, -1).map((v) => [v]),
    targets: series.slice(1).map((v) => [v]),
  };
}

/** The curve the ELM demo recovers: a damped sine. */
export const dampedSine = (x: number): number => Math.sin(1.5 * x) * Math.exp(-(x * x) / 10);

/** `count` samples of `f` at random x in [lo, hi] with Gaussian noise of standard deviation `noise`. */
export function noisySamples(
  f: (x: number) => number,
  options: { count: number; lo: number; hi: number; noise: number; seed: number },
): { xs: number[]; ys: number[] } {
  const random = createRandom(options.seed);
  const xs = Array.from({ length: options.count }, () => random.uniform(options.lo, options.hi));
  const ys = xs.map((x) => f(x) + options.noise * random.normal());
  return { xs, ys };
}

/**
 * Two interleaved spirals in the plane, one per class, alternating: a classic task that needs a
 * network to bend its boundary many times. Each point lies at radius 2t on angle 3πt (plus π for
 * class 1), t uniform in [¼, 1], with Gaussian noise of standard deviation `noise`.
 */
export function twoSpirals(options: { count: number; noise: number; seed: number }): { inputs: number[][]; labels: number[] } {
  const random = createRandom(options.seed);
  const inputs: number[][] = [];
  const labels: number[] = [];
  for (let n = 0; n < options.count; n++) {
    const label = n % 2;
    const t = random.uniform(0.25, 1);
    const angle = 3 * Math.PI * t + label * Math.PI;
    inputs.push([2 * t * Math.cos(angle) + options.noise * random.normal(), 2 * t * Math.sin(angle) + options.noise * random.normal()]);
    labels.push(label);
  }
  return { inputs, labels };
}
