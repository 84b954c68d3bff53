import * as tf from '@tensorflow/tfjs';
import * as z from 'zod/mini';
import { count, fields, seed, type ConfigOf } from '../architecture/config-schema';
import { defineArchitecture } from '../architecture/define';
import { markovChain, type MarkovChain } from '../network/layers/markov-chain';
import { createRandom } from '../network/numerics/random';

const STICKINESS = 'expected a number with 0 ≤ value < 1';

const configSchema = fields({
  /** Number of states N. */
  states: count(),
  /** Other states each state can move to in one step (one of them its ring neighbour i + 1). */
  successors: count(),
  /** Probability of staying put: P[i][i], the same for every state. */
  stickiness: z.number({ error: STICKINESS }).check(z.gte(0, { error: STICKINESS }), z.lt(1, { error: STICKINESS })),
  /** Seed of which successors each state gets and of their probabilities. */
  seed: seed(),
  /** Sequence length used for the forward-pass shape check. */
  steps: count(),
});
export type MarkovChainConfig = ConfigOf<typeof configSchema>;

/**
 * A random row-stochastic transition matrix with a known pattern: state i stays with probability
 * `stickiness` and moves to each of its `successors` other states — its ring neighbour i + 1 mod N,
 * which makes every state reachable from every other, and `successors − 1` more drawn at random —
 * with the rest of the probability, split in random proportions (each share drawn from [0.2, 1)
 * before normalising, so no allowed move is vanishingly rare).
 */
export function randomTransitions(config: Pick<MarkovChainConfig, 'states' | 'successors' | 'stickiness' | 'seed'>): number[][] {
  const { states: n, successors, stickiness } = config;
  if (n < 2) throw new Error(`markov-chain: expected at least 2 states, but got ${n}`);
  if (successors > n - 1) throw new Error(`markov-chain: expected successors ≤ states − 1 = ${n - 1}, but got ${successors}`);
  const random = createRandom(config.seed);
  return Array.from({ length: n }, (_, i) => {
    const others = Array.from({ length: n }, (_, j) => j).filter((j) => j !== i && j !== (i + 1) % n);
    // A partial Fisher–Yates shuffle picks the random successors.
    for (let k = 0; k < successors - 1; k++) {
      const m = k + Math.floor(random.next() * (others.length - k));
      [others[k], others[m]] = [others[m]!, others[k]!];
    }
    const targets = [(i + 1) % n, ...others.slice(0, successors - 1)];
    const shares = targets.map(() => random.uniform(0.2, 1));
    const total = shares.reduce((a, b) => a + b, 0);
    const row = new Array<number>(n).fill(0);
    row[i] = stickiness;
    targets.forEach((j, k) => (row[j] = ((1 - stickiness) * shares[k]!) / total));
    return row;
  });
}

/**
 * The states of the chain as one layer, MarkovChain, whose fixed weight is the transition matrix P
 * (src/network/layers/markov-chain.ts). It reads probability arriving at each step — the starting
 * distribution at the first — and answers with the distribution over states after every step. The
 * diagram is read from P: one recurrent line per possible move, self-transitions as loops.
 */
function build(config: MarkovChainConfig): tf.LayersModel {
  const input = tf.input({ shape: [null, config.states], name: 'input' });
  const chain = markovChain({ states: config.states, name: 'states' });
  const model = tf.model({ inputs: input, outputs: chain.apply(input) as tf.SymbolicTensor, name: 'markov-chain' });
  chain.setTransitions(randomTransitions(config));
  return model;
}

const chainOf = (model: tf.LayersModel): MarkovChain => model.getLayer('states') as MarkovChain;

/** The model's transition matrix P, as rows (P[i][j]: probability of the step i → j). */
export const transitionsOf = (model: tf.LayersModel): number[][] => chainOf(model).transitionMatrix();

/** One seeded path of `steps` states after `start`, drawn with the model's own P. */
export const walk = (model: tf.LayersModel, start: number, steps: number, seed: number): Int32Array => chainOf(model).walk(start, steps, seed);


/**
 * The distribution over states after 0, 1, …, steps − 1 steps from `start` (π₀), computed by the
 * model itself: π₀ enters as the first step's input, zeros after it.
 */
export function distributions(model: tf.LayersModel, start: readonly number[], steps: number): number[][] {
  return tf.tidy(() => {
    const n = start.length;
    const x = tf.concat([tf.tensor3d([[start as number[]]]), tf.zeros([1, steps - 1, n])], 1);
    return (model.predict(x) as tf.Tensor3D).arraySync()[0]!;
  });
}

/**
 * The stationary distribution π, with π P = π and Σ π = 1, solved exactly (Gaussian elimination with
 * partial pivoting in float64): the equations (Pᵀ − I) π = 0 with one of them replaced by Σ π = 1.
 * Unique when every state can reach every other (the ring in `randomTransitions` sees to that).
 */
export function stationaryDistribution(p: readonly (readonly number[])[]): number[] {
  const n = p.length;
  const a = Array.from({ length: n }, (_, i) => [...Array.from({ length: n }, (_, j) => p[j]![i]! - (i === j ? 1 : 0)), 0]);
  a[n - 1] = [...new Array<number>(n).fill(1), 1];
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    if (Math.abs(a[pivot]![col]!) < 1e-12) throw new Error('stationaryDistribution: the chain has more than one stationary distribution');
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = a[r]![col]! / a[col]![col]!;
      if (f !== 0) for (let c = col; c <= n; c++) a[r]![c]! -= f * a[col]![c]!;
    }
  }
  return a.map((row, i) => row[n]! / row[i]!);
}

/** Share of the steps of `path` (its first `length`, or all) spent in each of `states` states. */
export function visitFrequencies(path: ArrayLike<number>, states: number, length = path.length): number[] {
  const counts = new Array<number>(states).fill(0);
  for (let t = 0; t < length; t++) counts[path[t]!]!++;
  return counts.map((c) => c / length);
}

/** Total-variation distance ½ Σ |p_i − q_i|: the most two distributions disagree on any event's probability. */
export const totalVariation = (p: readonly number[], q: readonly number[]): number => p.reduce((s, v, i) => s + Math.abs(v - q[i]!), 0) / 2;

export default defineArchitecture<MarkovChainConfig>({
  id: 'markov-chain',
  name: 'Markov chain',
  abbreviation: 'MC',
  year: 1906,
  paper: {
    authors: ['Andrey A. Markov'],
    title: 'Extension of the law of large numbers to quantities depending on each other (Rasprostranenie zakona bol’shih chisel na velichiny, zavisyaschie drug ot druga)',
    venue: 'Izvestiya Fiziko-matematicheskogo obschestva pri Kazanskom universitete, 2nd series, 15, 135–156',
    year: 1906,
    url: 'https://en.wikipedia.org/wiki/Andrey_Markov',
  },
  training: {
    method: 'none: the transition probabilities are given',
    summary: 'The transition matrix is set once and never changes; running the chain means sampling a path from it, or multiplying a distribution by it step after step.',
  },
  summary: 'States joined by transition probabilities: where the chain goes next depends only on where it is now, and over a long walk the time spent in each state settles to the stationary distribution.',
  family: 'energy-based',
  views: ['cells', 'unrolled'],
  configSchema,
  configs: {
    diagram: { states: 4, successors: 2, stickiness: 0.3, seed: 3, steps: 3 },
    demo: { states: 6, successors: 2, stickiness: 0.5, seed: 11, steps: 20 },
  },
  build,
  shapes: (c) => ({ input: [c.steps, c.states], output: [c.steps, c.states] }),
  // Exactly: each state's self-transition (when it may stay) and its `successors` moves (when it may leave).
  size: (c) => [
    { group: 'input', cells: c.states, weights: 0, field: 'states' },
    { group: 'states', cells: c.states, weights: c.states * ((c.stickiness > 0 ? 1 : 0) + Math.min(c.successors, c.states - 1)), field: 'states' },
  ],
});
