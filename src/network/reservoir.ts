import { createRandom } from './numerics/random';
import { spectralRadius } from './numerics/spectral-radius';

export interface ReservoirSpec {
  readonly units: number;
  /** Fraction of the units×units recurrent weights that exist (0 < density ≤ 1). */
  readonly density: number;
  /** Largest |eigenvalue| of the recurrent matrix after scaling; below 1 gives fading memory. */
  readonly spectralRadius: number;
  readonly seed: number;
}

/**
 * A sparse random recurrent matrix, rescaled to the requested spectral radius — the echo-state
 * recipe (Jaeger 2001). Returned row-major: entry [i·units + j] feeds unit i at t−1 into unit j at t.
 */
export function sparseReservoir(spec: ReservoirSpec): Float64Array {
  const { units, density, seed } = spec;
  if (!Number.isInteger(units) || units < 1) throw new Error(`invalid reservoir size: ${units} (expected a positive integer)`);
  if (!(density > 0 && density <= 1)) throw new Error(`invalid reservoir density: ${density} (expected 0 < density ≤ 1)`);
  if (!(spec.spectralRadius > 0)) throw new Error(`invalid spectral radius: ${spec.spectralRadius} (expected a number > 0)`);
  const random = createRandom(seed);
  const weights = new Float64Array(units * units);
  for (let k = 0; k < weights.length; k++) {
    // Draw both numbers for every entry so the mask does not shift the value stream.
    const present = random.next() < density;
    const value = random.uniform(-1, 1);
    if (present) weights[k] = value;
  }
  const radius = spectralRadius(weights, units);
  if (radius === 0)
    throw new Error(`reservoir (units ${units}, density ${density}, seed ${seed}) has spectral radius 0 and cannot be scaled; raise the density or change the seed`);
  const scale = spec.spectralRadius / radius;
  return weights.map((w) => w * scale);
}

/**
 * At most how many nonzero entries `sparseReservoir` gives a units×units matrix, known without drawing
 * it (see `nonzerosBound`).
 */
export function reservoirNonzerosBound(units: number, density: number): number {
  return nonzerosBound(units * units, density);
}

/**
 * At most how many of `entries` matrix entries are nonzero when each is present with probability
 * `density`: the count is binomial; its mean plus six standard deviations (never more than every
 * entry) is exceeded about once in 10⁹ seeds.
 */
export function nonzerosBound(entries: number, density: number): number {
  return Math.min(entries, Math.ceil(entries * density + 6 * Math.sqrt(entries * density * (1 - density))));
}
