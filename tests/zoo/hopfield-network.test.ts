import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import hopfieldDemo, { pictures } from '../../src/demos/architectures/hopfield-network';
import { parseParams } from '../../src/demos/params';
import { progressPlan } from '../../src/demos/progress-plan';
import { traceModel } from '../../src/graph/trace';
import { energy } from '../../src/network/layers/hopfield';
import hopfieldNetwork, { corrupt, hopfieldLayer, overlap, randomPatterns, recallRate } from '../../src/zoo/hopfield-network';

describe('hopfield-network', () => {
  it('is drawn as it runs: N backfed-input cells, one undirected weight per pair, none from a unit to itself', () => {
    const model = hopfieldNetwork.build(hopfieldNetwork.configs.diagram);
    try {
      const graph = traceModel(model, 'hopfield-network');
      const n = hopfieldNetwork.configs.diagram.units;
      expect(graph.groups.map((g) => [g.id, g.cellType, g.size])).toEqual([['units', 'backfed-input', n]]);
      expect(graph.connections).toHaveLength((n * (n - 1)) / 2);
      const pairs = new Set(graph.connections.map((c) => [c.from, c.to].sort().join('|')));
      expect(pairs.size).toBe((n * (n - 1)) / 2);
      for (const c of graph.connections) {
        expect(c.from).not.toBe(c.to);
        expect([c.kind, c.directed, c.trainable]).toEqual(['complete', false, true]);
      }
      // The weights the graph is read from: symmetric, zero diagonal, (1/N) Σ ξᵢξⱼ over the stored patterns.
      const w = hopfieldLayer(model).weightValues();
      const patterns = randomPatterns(hopfieldNetwork.configs.diagram.patterns, n, hopfieldNetwork.configs.diagram.seed);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) expect(w[i * n + j]).toBeCloseTo(i === j ? 0 : patterns.reduce((s, p) => s + p[i]! * p[j]!, 0) / n, 6);
    } finally {
      model.dispose();
    }
  });

  it('recalls each stored pattern from a copy with 20 % of its units flipped (100 units, 4 patterns), through the model itself', () => {
    const config = { units: 100, patterns: 4, seed: 1 };
    const model = hopfieldNetwork.build(config);
    try {
      const patterns = randomPatterns(config.patterns, config.units, config.seed);
      const corrupted = patterns.map((p, k) => corrupt(p, 0.2, 50 + k));
      const before = corrupted.map((c, k) => overlap(c, patterns[k]!));
      const after = tf.tidy(() => (model.predict(tf.tensor2d(corrupted)) as tf.Tensor2D).arraySync());
      // Figures: about 0.6 overlap in (a fifth of the units wrong), exactly 1 out.
      for (const m of before) expect(m).toBeLessThan(0.8);
      after.forEach((s, k) => expect(overlap(s, patterns[k]!), `pattern ${k}`).toBe(1));
    } finally {
      model.dispose();
    }
  });

  it('never raises the energy, update by update, and lowers it at every flip (no field is exactly 0 on these states); every unit updates once per sweep, in a fresh seeded order', () => {
    const config = { units: 64, patterns: 6, seed: 5 };
    const model = hopfieldNetwork.build(config);
    try {
      const layer = hopfieldLayer(model);
      const w = layer.weightValues();
      let updates = 0;
      let flips = 0;
      const orders: number[][] = [];
      for (let start = 0; start < 5; start++) {
        const state = corrupt(randomPatterns(1, config.units, 900 + start)[0]!, 0, 0);
        let previous = [...state];
        let e = energy(w, state);
        layer.recall(state, {
          onUpdate: (unit, s, sweep) => {
            if (start === 0) (orders[sweep - 1] ??= []).push(unit);
            const next = energy(w, s);
            expect(next).toBeLessThanOrEqual(e + 1e-9);
            if (s[unit] !== previous[unit]) {
              flips++;
              expect(next).toBeLessThan(e);
            }
            previous = [...s];
            e = next;
            updates++;
          },
        });
      }
      expect(flips).toBeGreaterThan(20);
      expect(updates).toBeGreaterThan(5 * config.units);
      for (const order of orders) expect([...order].sort((a, b) => a - b)).toEqual([...Array(config.units).keys()]);
      expect(orders.length).toBeGreaterThan(1);
      expect(orders[1]).not.toEqual(orders[0]);
    } finally {
      model.dispose();
    }
  });

  it('stops recalling past about 0.14 N patterns: recall rate against patterns / N on 100 units', () => {
    const options = { noise: 0.1, trials: 4, seed: 11 };
    const rates = new Map([0.06, 0.1, 0.14, 0.2, 0.3].map((load) => [load, recallRate(100, Math.round(load * 100), options)]));
    // Measured (seeded): 1.00 at 0.06, ≥ 0.9 up to 0.14, then the collapse.
    expect(rates.get(0.06)).toBe(1);
    expect(rates.get(0.1)).toBeGreaterThanOrEqual(0.9);
    expect(rates.get(0.14)).toBeGreaterThanOrEqual(0.8);
    expect(rates.get(0.2)).toBeLessThan(0.6);
    expect(rates.get(0.3)).toBeLessThan(0.1);
    console.log('recall rate by load', Object.fromEntries(rates));
  });
});

describe('hopfield-network: the figures its article prints', () => {
  const article = readFileSync(new URL('../../content/architectures/hopfield-network.mdx', import.meta.url), 'utf8').replace(/\s+/g, ' ');

  it('prints the recall rates the capacity test measures', () => {
    const options = { noise: 0.1, trials: 4, seed: 11 };
    const rates = [6, 10, 14, 20, 30].map((count) => recallRate(100, count, options).toFixed(2));
    expect(article).toContain(
      `the share recalled is **${rates[0]}** at 6 patterns, **${rates[1]}** at 10, **${rates[2]}** at 14, **${rates[3]}** at 20 and **${rates[4]}** at 30.`,
    );
  });

  it('prints what the demo does at its defaults, and with 5 pictures or noise 0.45', async () => {
    const run = async (values: Record<string, number>) => {
      const result = await hopfieldDemo.run(parseParams(hopfieldDemo.params, values), progressPlan(hopfieldDemo.stages, () => {}));
      return Object.fromEntries(result.metrics.map((m) => [m.name, m.value]));
    };
    const defaults = await run({});
    expect([defaults.overlap, defaults['wrong-pixels'], defaults.sweeps]).toEqual([1, 0, 2]);
    // The corruption, the first sweep and the energies, on the same network the demo builds.
    const cross = pictures()[1]!;
    const start = corrupt(cross, 0.3, 1);
    const flipped = start.filter((v, i) => v !== cross[i]).length;
    const model = hopfieldNetwork.build(hopfieldNetwork.configs.demo!);
    try {
      const layer = hopfieldLayer(model);
      layer.store(pictures().slice(0, 4));
      const states: (readonly number[])[] = [];
      layer.recall(start, { onSweep: (s) => void states.push(s.state) });
      expect(states[0]).toEqual(cross);
      const w = layer.weightValues();
      expect(article).toContain(`which with this seed flips ${flipped} of the 100, so the start agrees with the cross in only ${100 - flipped} pixels.`);
      expect(article).toContain(`The energy falls from ${fmt(energy(w, start))} to ${fmt(energy(w, states.at(-1)!))}, exactly the cross's own energy.`);
      expect(energy(w, cross)).toBeCloseTo(energy(w, states.at(-1)!), 6);
    } finally {
      model.dispose();
    }
    expect(article).toContain('recall ends after 2 sweeps with every pixel right');
    const five = await run({ patterns: 5, cue: 1 });
    expect([five.nearest, five['nearest-overlap']]).toEqual([2, -0.92]);
    expect(article).toContain(`yet the ring now settles with ${five['wrong-pixels']} pixels wrong, nearest the negative of the cross`);
    const noisy = await run({ noise: 0.45 });
    expect(noisy.overlap).toBeLessThan(-0.5);
    expect(article).toContain(`the cross settles with ${noisy['wrong-pixels']} pixels wrong, near its own negative`);
  });
});

/** As the article writes an energy: two decimals, with a real minus sign. */
const fmt = (v: number) => v.toFixed(2).replace('-', '−');
