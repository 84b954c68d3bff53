import { describe, expect, it } from 'vitest';
import { traceModel } from '../../src/graph/trace';
import { anneal, boltzmannDistribution, energy, sampleFrequencies, stateOf, totalVariation, visibleDistribution, type BoltzmannWeights } from '../../src/network/boltzmann';
import * as tf from '@tensorflow/tfjs';
import boltzmann, { machineOf, trainBoltzmann, weightsOf, type BoltzmannConfig } from '../../src/zoo/boltzmann-machine';

/** Builds the definition at `config`, hands the model to `use`, and disposes of it however `use` ends. */
function withModel(config: BoltzmannConfig, use: (model: tf.LayersModel) => void): void {
  const model = boltzmann.build(config);
  try {
    use(model);
  } finally {
    model.dispose();
  }
}

/** Two patterns on four visible units, each half the data: the most a machine can give each is 1/2 (log-likelihood −ln 2 ≈ −0.693). */
const PATTERNS = [
  [1, 1, 0, 0],
  [0, 0, 1, 1],
];

describe('boltzmann-machine', () => {
  it('joins every pair of units once with an undirected trained weight: visible–visible, visible–hidden and hidden–hidden', () => {
    withModel(boltzmann.configs.diagram, (model) => {
      const graph = traceModel(model, 'boltzmann-machine');
      const pairs = graph.connections.map((c) => `${c.from}–${c.to}`);
      // 3 visible + 2 hidden = 5 units: 5·4/2 = 10 pairs, none twice, none missing.
      expect(pairs).toHaveLength(10);
      expect(new Set(pairs).size).toBe(10);
      expect(graph.connections.every((c) => c.kind === 'complete' && !c.directed && c.trainable === true)).toBe(true);
      expect(pairs).toContain('visible.0–visible.2');
      expect(pairs).toContain('hidden.0–hidden.1');
      expect(graph.groups.map((g) => [g.id, g.cellType])).toEqual([
        ['visible', 'backfed-input'],
        ['hidden', 'probabilistic-hidden'],
      ]);
      const { w } = weightsOf(model);
      w.forEach((row, i) => row.forEach((v, j) => expect(v, `w[${i}][${j}] = w[${j}][${i}]`).toBe(w[j]![i]!)));
      expect(w.map((row, i) => row[i])).toEqual([0, 0, 0, 0, 0]);
    });
  });

  it('draws each connection for one parameter of the running machine: changing that weight alone changes w for that pair both ways, and the distribution the machine samples', () => {
    withModel(boltzmann.configs.diagram, (model) => {
      const layer = machineOf(model);
      const unit = (id: string) => (id.startsWith('visible.') ? Number(id.split('.')[1]) : layer.visible + Number(id.split('.')[1]));
      const before = weightsOf(model);
      const exact = boltzmannDistribution(before, 1);
      // Copies: getWeights hands back the layer's variables, which setWeights overwrites in place.
      const upper = layer.getWeights()[0]!.arraySync() as number[][];
      const biases = layer.getWeights()[1]!.arraySync() as number[];
      for (const c of traceModel(model, 'boltzmann-machine').connections) {
        const [i, j] = [unit(c.from), unit(c.to)];
        const moved = upper.map((row, r) => row.map((v, k) => (r === i && k === j ? v + 0.5 : v)));
        tf.tidy(() => layer.setWeights([tf.tensor2d(moved), tf.tensor1d(biases)]));
        const after = weightsOf(model);
        const changed = after.w.flatMap((row, r) => row.flatMap((v, k) => (v !== before.w[r]![k]! ? [`${r},${k}`] : [])));
        expect(changed, `${c.from}–${c.to}`).toEqual([`${i},${j}`, `${j},${i}`].sort());
        expect(totalVariation(boltzmannDistribution(after, 1), exact), `${c.from}–${c.to}`).toBeGreaterThan(0.01);
      }
    });
  });

  it('visits states as often as the Boltzmann distribution says: free Gibbs sampling at T = 1 lands within 0.02 total variation of exact enumeration over all 32 states', () => {
    withModel(boltzmann.configs.diagram, (model) => {
      const weights = weightsOf(model);
      const exact = boltzmannDistribution(weights, 1);
      const sampled = sampleFrequencies(weights, 1, 20_000, { burnIn: 50, seed: 11 });
      // Measured: 0.015 after 20,000 sweeps (0.028 after 5,000): the gap shrinks as the chain runs on.
      const distance = totalVariation(sampled, exact);
      expect(distance).toBeLessThan(0.02);
      expect(totalVariation(sampleFrequencies(weights, 1, 5_000, { burnIn: 50, seed: 11 }), exact)).toBeGreaterThan(distance);
      // The most probable state is the lowest-energy one, and sampling finds it most often too.
      const argmax = (p: readonly number[]) => p.indexOf(Math.max(...p));
      expect(argmax(sampled)).toBe(argmax(exact));
      // At a high temperature the distribution flattens towards uniform (1/32 each).
      expect(Math.max(...boltzmannDistribution(weights, 100))).toBeLessThan(1 / 32 + 0.005);
    });
  });

  it('finds the lowest-energy state by annealing far more often than by sampling at a fixed high temperature or by quenching at a low one', () => {
    withModel(boltzmann.configs.demo!, (model) => {
      const base = weightsOf(model);
      // A rugged landscape: the demo machine's weights ×4 (6 units, 64 states, several local minima).
      const weights: BoltzmannWeights = { ...base, w: base.w.map((r) => r.map((v) => 4 * v)) };
      const energies = Array.from({ length: 64 }, (_, x) => energy(weights, stateOf(x, 6)));
      const lowest = Math.min(...energies);
      const hits = (from: number, to: number) =>
        Array.from({ length: 200 }, (_, r) => energy(weights, anneal(weights, { from, to, sweeps: 40 }, 100 + r).state)).filter((e) => e === lowest).length;
      // Over 200 seeded runs of 40 sweeps (the article quotes these): annealing from T = 4 to 0.05, fixed T = 4, fixed T = 0.05.
      expect([hits(4, 0.05), hits(4, 4), hits(0.05, 0.05)]).toEqual([193, 25, 129]);
    });
  });

  it('learns: the Boltzmann rule (clamped minus free co-occurrences) raises the data’s mean log-likelihood from −2.69 to within 0.03 of the best possible −ln 2', () => {
    withModel(boltzmann.configs.demo!, (model) => {
      const before = weightsOf(model);
      const ll = trainBoltzmann(model, PATTERNS, { epochs: 200, learningRate: 0.5 });
      // Measured: −2.693 at the start, −0.810 after 50 epochs, −0.717 after 200.
      expect(ll[0]).toBeCloseTo(-2.693, 2);
      expect(ll.at(-1)!).toBeGreaterThan(-Math.LN2 - 0.03);
      expect(ll.at(-1)!).toBeLessThanOrEqual(-Math.LN2 + 1e-9);
      // The rule is a gradient ascent: never a step down at this rate.
      ll.slice(1).forEach((v, i) => expect(v, `epoch ${i + 1}`).toBeGreaterThanOrEqual(ll[i]! - 1e-9));
      // The weights the model runs with are the learnt ones, still symmetric.
      const after = weightsOf(model);
      expect(after.w).not.toEqual(before.w);
      after.w.forEach((row, i) => row.forEach((v, j) => expect(v).toBe(after.w[j]![i]!)));
      // The demo's 150 epochs (the article quotes these): two valleys, 1100 and 0011, about equally likely around T = 2
      // (0011 a little more), 1100 clearly ahead at T = 0.3. Unit i is bit i: pattern 1100 is vector 0b0011, 0011 is 0b1100.
      const demo = boltzmann.build(boltzmann.configs.demo!);
      try {
        expect(trainBoltzmann(demo, PATTERNS, { epochs: 150, learningRate: 0.5 }).at(-1)).toBeCloseTo(-0.726, 3);
        const at = (t: number) => visibleDistribution(weightsOf(demo), t).map((p) => Number(p.toFixed(2)));
        expect([at(2)[0b1100], at(2)[0b0011]]).toEqual([0.34, 0.33]);
        expect([at(0.3)[0b0011], at(0.3)[0b1100]]).toEqual([0.7, 0.3]);
      } finally {
        demo.dispose();
      }
      // Sampling the trained machine freely: the two patterns are by far the most visited visible vectors.
      const visible = Array<number>(16).fill(0);
      sampleFrequencies(after, 1, 4000, { burnIn: 50, seed: 2 }).forEach((f, x) => (visible[x % 16]! += f));
      expect(visible[0b0011]! + visible[0b1100]!).toBeGreaterThan(0.8);
    });
  });
});
