import { describe, expect, it } from 'vitest';
import { traceModel } from '../../src/graph/trace';
import { barsAndStripes, boltzmannLayers, generate, logLikelihood, readRbm, trainGreedy, validShare, variationalBound } from '../../src/network/rbm';
import dbn from '../../src/zoo/deep-belief-network';
import rbm from '../../src/zoo/restricted-boltzmann-machine';

const patterns = barsAndStripes(4);

describe('deep-belief-network', () => {
  it('trained greedily, the second layer raises the bound on the data’s log-likelihood above the exact log-likelihood of the first RBM alone (−6.21 → −5.47 nats), though its samples are not more often valid', () => {
    const results = [1, 2].map((seed) => {
      const model = dbn.build({ visible: 16, hidden: [10, 16], seed });
      const errors = trainGreedy(model, patterns, { k: 1, learningRate: 1, upperLearningRate: 0.1, epochs: 500, seed: seed + 10 });
      const [bottom, top] = boltzmannLayers(model).map(readRbm);
      const single = logLikelihood(bottom!, patterns);
      const bound = variationalBound(bottom!, top!, patterns);
      const share = validShare(generate(model, { count: 200, steps: 200, seed: 3 }), patterns);
      model.dispose();
      return { single, bound, share, first: errors.map((e) => [e[0]!, e.at(-1)!]) };
    });
    // Figures the article quotes: seed 1, −6.21 nats for the first RBM alone, −5.47 for the bound with the second layer on top.
    expect(results[0]!.single).toBeCloseTo(-6.21, 2);
    expect(results[0]!.bound).toBeCloseTo(-5.47, 2);
    // The same first layer alone (same seeds: the same weights), sampled as an RBM.
    const alone = rbm.build({ visible: 16, hidden: 10, seed: 1 });
    trainGreedy(alone, patterns, { k: 1, learningRate: 1, epochs: 500, seed: 11 });
    expect(logLikelihood(readRbm(alone.getLayer('hidden')), patterns)).toBeCloseTo(results[0]!.single, 6);
    const aloneShare = validShare(generate(alone, { count: 200, steps: 200, seed: 3 }), patterns);
    alone.dispose();
    // What the bound does not promise: samples generated top-down are no more often valid than the RBM's (61 % against 67.5 %).
    expect(results[0]!.share).toBeCloseTo(0.61, 2);
    expect(aloneShare).toBeCloseTo(0.675, 3);
    for (const { first } of results) expect(first[0]![1]!).toBeLessThan(0.1 * first[0]![0]!);
    for (const { single, bound } of results) expect(bound).toBeGreaterThan(single + 0.2);
  });

  it('joins only adjacent layers, none within a layer: the lower pair directed upwards (tied weights), the top pair undirected', () => {
    const model = dbn.build(dbn.configs.diagram);
    const graph = traceModel(model, 'deep-belief-network');
    const group = (id: string) => id.split('.')[0]!;
    const pairs = new Set(graph.connections.map((c) => `${group(c.from)}→${group(c.to)}:${c.directed ? 'directed' : 'undirected'}`));
    expect([...pairs].sort()).toEqual(['hidden-1→hidden-2:undirected', 'visible→hidden-1:directed']);
    const { visible, hidden } = dbn.configs.diagram;
    expect(graph.connections).toHaveLength(visible * hidden[0]! + hidden[0]! * hidden[1]!);
    expect(graph.groups.map((g) => g.cellType)).toEqual(['backfed-input', 'probabilistic-hidden', 'probabilistic-hidden']);
    model.dispose();
  });
});
