import { describe, expect, it } from 'vitest';
import { traceModel } from '../../src/graph/trace';
import { barsAndStripes, generate, logLikelihood, readRbm, trainGreedy, validShare } from '../../src/network/rbm';
import rbm from '../../src/zoo/restricted-boltzmann-machine';

const patterns = barsAndStripes(4);
/** Chance that 16 fair coin flips make one of the 30 patterns. */
const CHANCE = patterns.length / 2 ** 16;

describe('restricted-boltzmann-machine', () => {
  it('learns 4 × 4 bars and stripes by CD-1: reconstruction error falls, the data’s log-likelihood rises, and Gibbs chains from noise end in valid patterns far above chance', () => {
    const model = rbm.build({ visible: 16, hidden: 16, seed: 1 });
    const before = logLikelihood(readRbm(model.getLayer('hidden')), patterns);
    const [errors] = trainGreedy(model, patterns, { k: 1, learningRate: 1, epochs: 500, seed: 2 });
    const after = logLikelihood(readRbm(model.getLayer('hidden')), patterns);
    const samples = generate(model, { count: 200, steps: 200, seed: 3 });
    const share = validShare(samples, patterns);
    // Figures the article quotes: error 0.25 → 0.0015 per unit, log-likelihood −11.1 → −5.5 nats, 81 % valid.
    expect(errors![0]!).toBeCloseTo(0.25, 2);
    expect(errors!.at(-1)!).toBeLessThan(0.002);
    expect(before).toBeCloseTo(-11.09, 1);
    expect(after).toBeCloseTo(-5.54, 1);
    expect(share).toBeCloseTo(0.81, 2);
    expect(errors).toHaveLength(500);
    expect(errors!.at(-1)!).toBeLessThan(0.1 * errors![0]!);
    expect(after).toBeGreaterThan(before + 5);
    expect(share).toBeGreaterThan(0.5);
    expect(share / CHANCE).toBeGreaterThan(1000);
    model.dispose();
  });

  it('trains by CD-k for any k: k = 1, 3 and 10 each lift the log-likelihood from −11.1 to above −8 nats in 200 epochs, each differently', () => {
    const untrained = rbm.build({ visible: 16, hidden: 16, seed: 1 });
    const start = logLikelihood(readRbm(untrained.getLayer('hidden')), patterns);
    untrained.dispose();
    const results = [1, 3, 10].map((k) => {
      const model = rbm.build({ visible: 16, hidden: 16, seed: 1 });
      trainGreedy(model, patterns, { k, learningRate: 1, epochs: 200, seed: 2 });
      const ll = logLikelihood(readRbm(model.getLayer('hidden')), patterns);
      model.dispose();
      return ll;
    });
    expect(start).toBeCloseTo(-11.09, 1);
    for (const ll of results) expect(ll).toBeGreaterThan(-8);
    // k is used: the three runs take different paths.
    expect(new Set(results.map((ll) => ll.toFixed(3))).size).toBe(3);
  });

  it('is drawn as the bipartite graph it runs: every visible–hidden pair joined once, undirected, and no pair within a group', () => {
    const model = rbm.build(rbm.configs.diagram);
    const graph = traceModel(model, 'restricted-boltzmann-machine');
    const { visible, hidden } = rbm.configs.diagram;
    expect(graph.connections).toHaveLength(visible * hidden);
    expect(graph.connections.every((c) => c.from.startsWith('visible.') && c.to.startsWith('hidden.') && !c.directed && c.kind === 'dense')).toBe(true);
    expect(new Set(graph.connections.map((c) => `${c.from}|${c.to}`)).size).toBe(visible * hidden);
    expect(graph.groups.map((g) => [g.id, g.cellType])).toEqual([['visible', 'backfed-input'], ['hidden', 'probabilistic-hidden']]);
    model.dispose();
  });
});
