import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { SelfOrganisingMap, selfOrganisingMap } from '../../../src/network/layers/self-organising-map';
import { createRandom } from '../../../src/network/numerics/random';
import { bestMatchingUnit } from '../../../src/zoo/kohonen-network';

describe('SelfOrganisingMap layer', () => {
  const input = tf.input({ shape: [3] });
  const layer = selfOrganisingMap({ rows: 2, columns: 4, seed: 9, name: 'lattice' });
  const model = tf.model({ inputs: input, outputs: layer.apply(input) as tf.SymbolicTensor });

  it('answers with the best-matching unit as a one-hot vector, as a plain-JavaScript nearest-prototype search does', () => {
    const prototypes = tf.tidy(() => (tf.transpose(layer.getWeights()[0]!) as tf.Tensor2D).arraySync());
    const random = createRandom(3);
    const xs = Array.from({ length: 20 }, () => [random.next(), random.next(), random.next()]);
    const answers = tf.tidy(() => (model.predict(tf.tensor2d(xs)) as tf.Tensor2D).arraySync());
    xs.forEach((x, n) => {
      const winner = bestMatchingUnit(prototypes, x);
      expect(answers[n], `input ${n}`).toEqual(prototypes.map((_, k) => (k === winner ? 1 : 0)));
    });
  });

  it('holds its prototypes as one weight tensor [inputs × units], uniform in [0, 1] from its seed', () => {
    expect(layer.weights.map((w) => [w.originalName.split('/').at(-1), w.shape])).toEqual([['prototypes', [3, 8]]]);
    const values = Array.from(layer.getWeights()[0]!.dataSync());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThanOrEqual(1);
  });

  it('is registered with tfjs, lattice included, so a model that uses it survives a round trip through JSON', async () => {
    const copy = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) as tf.io.ModelJSON['modelTopology'] });
    const restored = copy.layers.find((l) => l.getClassName() === 'SelfOrganisingMap') as SelfOrganisingMap;
    expect([restored.rows, restored.columns, restored.units]).toEqual([2, 4, 8]);
    copy.dispose();
  });

  it('refuses a lattice that is not a positive whole number of rows and columns', () => {
    expect(() => selfOrganisingMap({ rows: 0, columns: 3 })).toThrow('SelfOrganisingMap: expected rows to be a positive integer, but got 0');
    expect(() => selfOrganisingMap({ rows: 2, columns: 2.5 })).toThrow('SelfOrganisingMap: expected columns to be a positive integer, but got 2.5');
  });
});
