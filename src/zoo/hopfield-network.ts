import * as tf from '@tensorflow/tfjs';
import { defineArchitecture } from '../architecture/define';
import { count, fields, seed, type ConfigOf } from '../architecture/config-schema';
import { Hopfield, hopfield } from '../network/layers/hopfield';
import { corrupt } from '../network/numerics/corrupt';
import { createRandom } from '../network/numerics/random';

const configSchema = fields({
  /** Binary units, each joined to every other by one symmetric weight. */
  units: count(),
  /** Random ±1 patterns the built network stores (Hebb's rule, once). */
  patterns: count(),
  /** Seed of the stored patterns and of the order the units update in. */
  seed: seed(),
});
export type HopfieldConfig = ConfigOf<typeof configSchema>;

/** `count` random patterns of `units` values, each +1 or −1 with even odds. */
export function randomPatterns(count: number, units: number, seed: number): number[][] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => Array.from({ length: units }, () => (random.next() < 0.5 ? -1 : 1)));
}

/**
 * The units are the input's cells, fed back: the input sets their starting state, one Hopfield layer
 * (src/network/layers/hopfield.ts) holds the symmetric weights and settles them, and its output is
 * their final state. The built network already remembers `patterns` random patterns: its weights
 * are computed from them once, by Hebb's rule, and never change after.
 */
function build(config: HopfieldConfig): tf.LayersModel {
  const input = tf.input({ shape: [config.units], name: 'units' });
  const layer = hopfield({ units: config.units, seed: config.seed, name: 'hopfield' });
  const model = tf.model({ inputs: input, outputs: layer.apply(input) as tf.SymbolicTensor, name: 'hopfield-network' });
  layer.store(randomPatterns(config.patterns, config.units, config.seed));
  return model;
}

// In a module of its own, free of tfjs: the demo page corrupts a picture with it before any demo code loads.
export { corrupt };

/** Overlap m = (1/N) Σ ξᵢ sᵢ of a state with a pattern: 1 identical, −1 its negative, near 0 unrelated. */
export const overlap = (state: readonly number[], pattern: readonly number[]): number => state.reduce((sum, v, i) => sum + v * pattern[i]!, 0) / pattern.length;

/**
 * Recall rate at a load of `count` random patterns on `units` units: each pattern stored is
 * corrupted (a fraction `noise` of its values flipped), settled by the network, and counted as
 * recalled where the overlap with it is at least 0.9 (at most 5 units in 100 wrong). Over `trials`
 * networks, each storing fresh patterns (seeded).
 */
export function recallRate(units: number, count: number, options: { noise: number; trials: number; seed: number }): number {
  let recalled = 0;
  for (let trial = 0; trial < options.trials; trial++) {
    const seed = options.seed + 1000 * trial;
    const model = build({ units, patterns: count, seed });
    const layer = hopfieldLayer(model);
    randomPatterns(count, units, seed).forEach((pattern, k) => {
      if (overlap(layer.recall(corrupt(pattern, options.noise, seed + k + 1)), pattern) >= 0.9) recalled++;
    });
    model.dispose();
  }
  return recalled / (count * options.trials);
}

/** The model's Hopfield layer: its weights, `store`, `recall` and `updateUnit`. */
export const hopfieldLayer = (model: tf.LayersModel): Hopfield => model.getLayer('hopfield') as Hopfield;

export default defineArchitecture<HopfieldConfig>({
  id: 'hopfield-network',
  name: 'Hopfield network',
  abbreviation: 'HN',
  year: 1982,
  paper: {
    authors: ['John J. Hopfield'],
    title: 'Neural networks and physical systems with emergent collective computational abilities',
    venue: 'Proceedings of the National Academy of Sciences 79(8), 2554–2558',
    year: 1982,
    url: 'https://doi.org/10.1073/pnas.79.8.2554',
  },
  training: {
    method: "Hebb's rule, computed once",
    summary: 'Each weight is set once from the patterns to store, wᵢⱼ = (1/N) Σ ξᵢ ξⱼ over the patterns, with no weight from a unit to itself; nothing is trained after that, and recall changes only the states.',
  },
  summary: 'Binary units, every pair joined by one symmetric weight, updated one at a time until nothing changes: the energy only falls, and a corrupted pattern settles into the stored one nearest it.',
  family: 'energy-based',
  views: ['cells'],
  configs: {
    // An odd number of patterns: every wᵢⱼ is a sum of an odd number of ±1/N, never 0, so every pair is joined.
    diagram: { units: 6, patterns: 3, seed: 3 },
    demo: { units: 100, patterns: 4, seed: 1 },
  },
  configSchema,
  build,
  shapes: (c) => ({ input: [c.units], output: [c.units] }),
  size: (c) => [
    { group: 'units', cells: c.units, weights: 0, field: 'units' },
    { group: 'hopfield', cells: c.units, weights: (c.units * (c.units - 1)) / 2, field: 'units' },
  ],
});
