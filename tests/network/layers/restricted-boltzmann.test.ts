import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { RestrictedBoltzmann, restrictedBoltzmann } from '../../../src/network/layers/restricted-boltzmann';
import { createRandom } from '../../../src/network/numerics/random';
import { hiddenProbabilities, readRbm, visibleProbabilities, writeRbm } from '../../../src/network/rbm';

describe('RestrictedBoltzmann layer', () => {
  const input = tf.input({ shape: [5] });
  const layer = restrictedBoltzmann({ units: 3, seed: 4, name: 'hidden' });
  const model = tf.model({ inputs: input, outputs: layer.apply(input) as tf.SymbolicTensor });
  // Weights large enough that the probabilities are far from ½ and from each other.
  const random = createRandom(8);
  const params = readRbm(layer);
  params.W.forEach((_, n) => (params.W[n] = random.normal()));
  params.b.forEach((_, n) => (params.b[n] = random.normal()));
  params.c.forEach((_, n) => (params.c[n] = random.normal()));
  writeRbm(layer, params);
  const vs = Array.from({ length: 8 }, () => Array.from({ length: 5 }, () => (random.next() < 0.5 ? 1 : 0)));

  it('computes p(h | v) = σ(vW + c) and p(v | h) = σ(hWᵀ + b) from ONE matrix, as the plain-JavaScript loops of src/network/rbm.ts do', () => {
    const up = tf.tidy(() => layer.hiddenProbabilities(tf.tensor2d(vs)).arraySync());
    vs.forEach((v, n) => Array.from(hiddenProbabilities(params, v)).forEach((p, j) => expect(up[n]![j]).toBeCloseTo(p, 5)));
    const hs = vs.map((v) => v.slice(0, 3));
    const down = tf.tidy(() => layer.visibleProbabilities(tf.tensor2d(hs)).arraySync());
    hs.forEach((h, n) => Array.from(visibleProbabilities(params, h)).forEach((p, i) => expect(down[n]![i]).toBeCloseTo(p, 5)));
    expect(layer.weights.map((w) => [w.originalName.split('/').at(-1), w.shape])).toEqual([['kernel', [5, 3]], ['visible_bias', [5]], ['hidden_bias', [3]]]);
  });

  it('draws binary hidden states, the same for the same seed, whose frequencies match p(h | v)', () => {
    const v = vs[0]!;
    const many = tf.tidy(() => tf.tile(tf.tensor2d([v]), [4000, 1]));
    // One call draws all 4000 rows (predict would call it per batch of 32, each with the same numbers).
    const a = tf.tidy(() => (layer.apply(many) as tf.Tensor2D).arraySync());
    const b = tf.tidy(() => (layer.apply(many) as tf.Tensor2D).arraySync());
    many.dispose();
    expect(a).toEqual(b);
    expect(a.flat().every((x) => x === 0 || x === 1)).toBe(true);
    const p = hiddenProbabilities(params, v);
    for (let j = 0; j < 3; j++) expect(a.reduce((s, row) => s + row[j]!, 0) / a.length).toBeCloseTo(p[j]!, 1);
  });

  it('is registered with tfjs, so a model that uses it survives a round trip through JSON', async () => {
    const copy = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) as tf.io.ModelJSON['modelTopology'] });
    const restored = copy.layers.find((l) => l.getClassName() === 'RestrictedBoltzmann') as RestrictedBoltzmann;
    expect([restored.units, restored.generation, restored.seed]).toEqual([3, 'gibbs', 4]);
    copy.dispose();
  });
});
