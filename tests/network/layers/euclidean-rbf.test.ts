import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { EuclideanRbf, euclideanRbf, euclideanRbfReference } from '../../../src/network/layers/euclidean-rbf';
import { createRandom } from '../../../src/network/numerics/random';

const build = (inputs: number, units: number, seed: number) => {
  const input = tf.input({ shape: [inputs] });
  const layer = euclideanRbf({ units, seed, name: 'output' });
  return { model: tf.model({ inputs: input, outputs: layer.apply(input) as tf.SymbolicTensor }), layer };
};

describe('EuclideanRbf layer', () => {
  it('outputs each unit’s squared distance ‖x − w_i‖² to its fixed ±1 vector, as the plain-JavaScript reference does', () => {
    const random = createRandom(4);
    const { model, layer } = build(12, 5, 9);
    const [centresTensor] = layer.getWeights();
    const flat = Array.from(centresTensor!.dataSync());
    expect(flat.every((w) => w === 1 || w === -1)).toBe(true);
    const centres = Array.from({ length: 12 }, (_, j) => flat.slice(j * 5, j * 5 + 5));
    const rows = Array.from({ length: 3 }, () => Array.from({ length: 12 }, () => random.uniform(-1.7, 1.7)));
    const ours = tf.tidy(() => (model.predict(tf.tensor2d(rows)) as tf.Tensor).arraySync() as number[][]);
    rows.forEach((x, n) => euclideanRbfReference(x, centres).forEach((v, i) => expect(ours[n]![i]!, `row ${n}, unit ${i}`).toBeCloseTo(v, 3)));
    // An input equal to a unit's vector is at distance 0 from it.
    const exact = tf.tidy(() => (model.predict(tf.tensor2d([centres.map((row) => row[2]!)])) as tf.Tensor).dataSync()[2]!);
    expect(exact).toBeCloseTo(0, 5);
    model.dispose();
  });

  it('never trains its vectors: they count as parameters but not trainable ones', () => {
    const { model } = build(84, 10, 1);
    expect(model.countParams()).toBe(840);
    expect(model.trainableWeights).toHaveLength(0);
    model.dispose();
  });

  it('rebuilds the same code from its seed through serialization', async () => {
    const { model, layer } = build(6, 4, 3);
    const copy = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) as tf.io.ModelJSON['modelTopology'] });
    const restored = copy.getLayer('output') as EuclideanRbf;
    expect(restored).toBeInstanceOf(EuclideanRbf);
    expect([restored.units, restored.seed]).toEqual([4, 3]);
    expect(Array.from(restored.getWeights()[0]!.dataSync())).toEqual(Array.from(layer.getWeights()[0]!.dataSync()));
    model.dispose();
    copy.dispose();
    expect(() => euclideanRbf({ units: 0, seed: 1 })).toThrow(/units to be a positive integer, but got 0/);
  });
});
