import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Hopfield, energy, hopfield } from '../../../src/network/layers/hopfield';
import { createRandom } from '../../../src/network/numerics/random';

/**
 * A plain-JavaScript Hopfield network, written from the definition, to check the layer against. Its
 * fields are computed in whole numbers (N·wᵢⱼ = Σ ξᵢξⱼ), so a tie is exactly 0 and goes to +1.
 */
function reference(patterns: number[][], start: number[], seed: number, maxSweeps = 50) {
  const n = start.length;
  const hebb = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : patterns.reduce((sum, p) => sum + p[i]! * p[j]!, 0))));
  const w = hebb.map((row) => row.map((v) => v / n));
  const s: number[] = start.map((v) => (v >= 0 ? 1 : -1));
  const random = createRandom(seed);
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    // Fisher–Yates from the end, as a fair random order: every unit once.
    const order = [...Array(n).keys()];
    for (let k = n - 1; k > 0; k--) {
      const m = Math.floor(random.next() * (k + 1));
      [order[k], order[m]] = [order[m]!, order[k]!];
    }
    let changed = false;
    for (const i of order) {
      const h = hebb[i]!.reduce((sum, wij, j) => sum + wij * s[j]!, 0);
      const next = h >= 0 ? 1 : -1;
      if (next !== s[i]) [s[i], changed] = [next, true];
    }
    if (!changed) break;
  }
  return { w, s };
}

describe('Hopfield layer', () => {
  const n = 12;
  const random = createRandom(4);
  const patterns = Array.from({ length: 2 }, () => Array.from({ length: n }, () => (random.next() < 0.5 ? -1 : 1)));
  const input = tf.input({ shape: [n] });
  const layer = hopfield({ units: n, seed: 8, name: 'hopfield' });
  const model = tf.model({ inputs: input, outputs: layer.apply(input) as tf.SymbolicTensor });
  layer.store(patterns);

  it("stores by Hebb's rule: W symmetric, zero on the diagonal, (1/N) Σ ξᵢξⱼ off it, as the reference computes", () => {
    const { w } = reference(patterns, patterns[0]!, 8);
    const values = Array.from(layer.weightValues());
    w.flat().forEach((v, k) => expect(values[k]).toBeCloseTo(v, 6));
    for (let i = 0; i < n; i++) expect(values[i * n + i]).toBe(0);
  });

  it('settles each row as the plain-JavaScript reference does, sweep for sweep in the same seeded orders', () => {
    const starts = Array.from({ length: 12 }, () => Array.from({ length: n }, () => random.next() * 2 - 1));
    const out = tf.tidy(() => (model.predict(tf.tensor2d(starts)) as tf.Tensor2D).arraySync());
    starts.forEach((start, r) => expect(out[r], `row ${r}`).toEqual(reference(patterns, start, 8).s));
  });

  it('updates one unit from the others, through its row of W', () => {
    const state = tf.tensor2d([patterns[0]!]);
    const updated = layer.updateUnit(state, 3).arraySync()[0]!;
    const h = Array.from(layer.weightValues().slice(3 * n, 4 * n)).reduce((sum, wij, j) => sum + wij * patterns[0]![j]!, 0);
    expect(updated[3]).toBe(h >= 0 ? 1 : -1);
    expect(updated.filter((_, j) => j !== 3)).toEqual(patterns[0]!.filter((_, j) => j !== 3));
    tf.dispose(state);
  });

  it('reports each sweep with its energy, which never rises', () => {
    const energies: number[] = [];
    layer.recall(
      patterns[1]!.map((v, i) => (i % 3 === 0 ? -v : v)),
      { onSweep: (sweep) => void energies.push(sweep.energy) },
    );
    expect(energies.length).toBeGreaterThan(0);
    energies.slice(1).forEach((e, k) => expect(e).toBeLessThanOrEqual(energies[k]! + 1e-9));
    expect(energies.at(-1)).toBeCloseTo(energy(layer.weightValues(), reference(patterns, patterns[1]!.map((v, i) => (i % 3 === 0 ? -v : v)), 8).s), 6);
  });

  it('is registered with tfjs, so a model that uses it survives a round trip through JSON', async () => {
    const copy = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) as tf.io.ModelJSON['modelTopology'] });
    const restored = copy.layers.find((l) => l.getClassName() === 'Hopfield') as Hopfield;
    expect([restored.units, restored.seed, restored.maxSweeps]).toEqual([n, 8, 50]);
    copy.dispose();
  });
});
