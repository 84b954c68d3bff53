import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { traceModel } from '../../src/graph/trace';
import mc, { distributions, stationaryDistribution, totalVariation, transitionsOf, visitFrequencies, walk } from '../../src/zoo/markov-chain';

describe('markov-chain', () => {
  it('has a row-stochastic transition matrix: every row sums to 1, self-transitions included, in every config', () => {
    for (const config of [mc.configs.diagram, mc.configs.demo!, { ...mc.configs.demo!, states: 12, successors: 5, stickiness: 0.9, seed: 8 }]) {
      const model = mc.build(config);
      const p = transitionsOf(model);
      p.forEach((row, i) => {
        expect(row.reduce((a, b) => a + b, 0), `row ${i}`).toBeCloseTo(1, 6);
        expect(Math.min(...row)).toBeGreaterThanOrEqual(0);
        expect(row[i]).toBeCloseTo(config.stickiness, 6);
        // Stays, or moves to one of its `successors` other states: no more, no fewer.
        expect(row.filter((v, j) => j !== i && v > 0).length).toBe(config.successors);
      });
      model.dispose();
    }
  });

  it('draws its states as one group joined to itself: one fixed recurrent line per possible move, self-loops included, not layered', () => {
    const model = mc.build(mc.configs.diagram);
    const p = transitionsOf(model);
    const graph = traceModel(model, 'markov-chain');
    const moves = graph.connections.filter((c) => c.kind === 'recurrent');
    expect(moves.every((c) => c.from.startsWith('states.') && c.to.startsWith('states.') && c.trainable === false)).toBe(true);
    const expected = p.flatMap((row, i) => row.flatMap((v, j) => (v > 0 ? [`states.${i}→states.${j}`] : [])));
    expect(moves.map((c) => `${c.from}→${c.to}`).sort()).toEqual(expected.sort());
    // 4 self-loops and 8 moves between states: 12 of the 16 possible.
    expect(moves.filter((c) => c.from === c.to)).toHaveLength(4);
    expect(moves).toHaveLength(12);
    expect(graph.groups.find((g) => g.id === 'states')?.cellType).toBe('probabilistic-hidden');
    model.dispose();
  });

  it('runs the distribution forward: π_t from the model approaches the stationary π, which P leaves unchanged', () => {
    const model = mc.build(mc.configs.demo!);
    const p = transitionsOf(model);
    const pi = stationaryDistribution(p);
    expect(pi.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    pi.forEach((v, j) => expect(p.reduce((s, row, i) => s + pi[i]! * row[j]!, 0), `(πP)_${j}`).toBeCloseTo(v, 6));
    const start = pi.map((_, i) => (i === 0 ? 1 : 0));
    const tv = distributions(model, start, 30).map((d) => totalVariation(d, pi));
    // From a single state (TV 0.82) to the stationary distribution within 1e-4 by step 20.
    expect(tv[0]).toBeCloseTo(1 - pi[0]!, 6);
    expect(tv[5]).toBeLessThan(0.1);
    expect(tv[20]).toBeLessThan(1e-4);
    for (let t = 1; t < 30; t++) expect(tv[t]!).toBeLessThanOrEqual(tv[t - 1]! + 1e-6);
    model.dispose();
  });

  it('visits states, along one sampled walk, as often as the stationary distribution says: the total-variation distance shrinks from 100 to 10,000 steps', () => {
    const model = mc.build(mc.configs.demo!);
    const pi = stationaryDistribution(transitionsOf(model));
    const path = walk(model, 0, 10_000, 1);
    const short = totalVariation(visitFrequencies(path, pi.length, 100), pi);
    const long = totalVariation(visitFrequencies(path, pi.length), pi);
    // Measured: 0.187 after 100 steps, 0.012 after 10,000 (the demo's defaults, seed 1).
    expect(short).toBeCloseTo(0.187, 3);
    expect(long).toBeCloseTo(0.012, 3);
    expect(long).toBeLessThan(short / 5);
    // And on average over seeds, not only for this one: mean TV over 8 walks.
    const mean = (steps: number) => [1, 2, 3, 4, 5, 6, 7, 8].reduce((s, seed) => s + totalVariation(visitFrequencies(walk(model, 0, steps, seed), pi.length), pi), 0) / 8;
    const [mean100, mean10k] = [mean(100), mean(10_000)];
    expect(mean10k).toBeLessThan(0.03);
    expect(mean10k).toBeLessThan(mean100 / 5);
    model.dispose();
  });

  it('prints, in its article, the diagram chain’s P and stationary distribution as the built model has them', () => {
    const text = readFileSync(new URL('../../content/architectures/markov-chain.mdx', import.meta.url), 'utf8');
    const model = mc.build(mc.configs.diagram);
    const p = transitionsOf(model);
    const cell = (v: number) => (v === 0 ? '0' : v.toFixed(3));
    p.forEach((row, i) => expect(text).toContain(`| ${i} | ${row.map(cell).join(' | ')} |`));
    const pi = stationaryDistribution(p);
    expect(text).toContain(`π = (${pi.map((v) => v.toFixed(3)).join(', ')})`);
    model.dispose();
  });
});
