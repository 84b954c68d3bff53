import { createRandom } from './numerics/random';

export interface LiquidSpec {
  readonly inputs: number;
  readonly units: number;
  /** Share of the ordered pairs of distinct neurons (j → k, j ≠ k) joined by a synapse. */
  readonly density: number;
  /** Share of the (input channel, neuron) pairs joined by a synapse. */
  readonly inputDensity: number;
  /** Share of the neurons that are inhibitory: every synapse they send is negative. */
  readonly inhibitory: number;
  /** Mean strength of an excitatory synapse, in units of the firing threshold. */
  readonly weight: number;
  /** Mean strength of an input synapse, in units of the firing threshold. */
  readonly inputWeight: number;
  readonly seed: number;
}

/** Inhibitory synapses are this many times stronger than excitatory ones, so that fewer inhibitory neurons can balance the rest. */
export const INHIBITORY_GAIN = 2;

export interface LiquidSynapses {
  /** Row-major [inputs × units]: entry [i·units + k] is the synapse from input channel i to neuron k; 0 is none. */
  readonly input: Float64Array;
  /** Row-major [units × units]: entry [j·units + k] is the synapse from neuron j to neuron k; 0 is none. */
  readonly recurrent: Float64Array;
  /** Whether each neuron is inhibitory. */
  readonly inhibitory: readonly boolean[];
}

/**
 * The liquid's fixed random wiring. Which neurons are inhibitory is drawn first (exactly
 * round(inhibitory × units) of them); every ordered pair of distinct neurons then gets a synapse with
 * probability `density`, of strength weight × U(0.5, 1.5), positive from an excitatory neuron and
 * INHIBITORY_GAIN times as strong and negative from an inhibitory one (Dale's law: a neuron's
 * synapses all have one sign). No neuron synapses onto itself. Every (input, neuron) pair gets an
 * excitatory synapse with probability `inputDensity`, of strength inputWeight × U(0.5, 1.5).
 * Seeded: the same spec gives the same synapses.
 */
export function liquidSynapses(spec: LiquidSpec): LiquidSynapses {
  const { inputs, units, density, inputDensity, seed } = spec;
  for (const [name, value] of [['density', density], ['inputDensity', inputDensity]] as const)
    if (!(value > 0 && value <= 1)) throw new Error(`invalid liquid ${name}: ${value} (expected 0 < ${name} ≤ 1)`);
  if (!(spec.inhibitory >= 0 && spec.inhibitory <= 1)) throw new Error(`invalid inhibitory share: ${spec.inhibitory} (expected 0 ≤ share ≤ 1)`);
  const random = createRandom(seed);
  // A random permutation's first round(share × units) neurons are the inhibitory ones.
  const order = Array.from({ length: units }, (_, k) => k);
  for (let k = units - 1; k > 0; k--) {
    const m = Math.floor(random.next() * (k + 1));
    [order[k], order[m]] = [order[m]!, order[k]!];
  }
  const inhibitory = Array<boolean>(units).fill(false);
  for (const k of order.slice(0, Math.round(spec.inhibitory * units))) inhibitory[k] = true;

  const recurrent = new Float64Array(units * units);
  for (let j = 0; j < units; j++)
    for (let k = 0; k < units; k++) {
      // Both numbers are drawn for every pair, so the density does not shift the value stream.
      const present = random.next() < density;
      const strength = spec.weight * random.uniform(0.5, 1.5);
      if (present && j !== k) recurrent[j * units + k] = inhibitory[j] ? -INHIBITORY_GAIN * strength : strength;
    }
  const input = new Float64Array(inputs * units);
  for (let k = 0; k < input.length; k++) {
    const present = random.next() < inputDensity;
    const strength = spec.inputWeight * random.uniform(0.5, 1.5);
    if (present) input[k] = strength;
  }
  return { input, recurrent, inhibitory };
}
