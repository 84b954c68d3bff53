import * as tf from '@tensorflow/tfjs';
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
    console.log('rbm', errors![0], errors![49], errors!.at(-1), before, after, share, CHANCE);
    expect(errors).toHaveLength(500);
    expect(errors!.at(-1)!).toBeLessThan(0.1 * errors![0]!);
    expect(after).toBeGreaterThan(before + 5);
    expect(share).toBeGreaterThan(0.5);
    expect(share / CHANCE).toBeGreaterThan(1000);
    model.dispose();
  });

  it('trains by CD-k for any k: more Gibbs steps per update, and the samples still come out valid', () => {
    const shares = [1, 5].map((k) => {
      const model = rbm.build({ visible: 16, hidden: 16, seed: 1 });
      trainGreedy(model, patterns, { k, learningRate: 1, epochs: 300, seed: 2 });
      const share = validShare(generate(model, { count: 200, steps: 200, seed: 3 }), patterns);
      model.dispose();
      return share;
    });
    console.log('k shares', shares);
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
