import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { RadialBasis, radialBasis, radialBasisReference } from '../../../src/network/layers/radial-basis';
import { createRandom } from '../../../src/network/numerics/random';

const model = (inputs: number, units: number, width: number) => {
  const input = tf.input({ shape: [inputs] });
  const layer = radialBasis({ units, width, name: 'rbf' });
  return { layer, model: tf.model({ inputs: input, outputs: layer.apply(input) as tf.SymbolicTensor }) };
};

describe('RadialBasis layer', () => {
  it('answers exp(−‖x − c‖² / 2σ²) for every unit, as the plain-JavaScript reference does', () => {
    const { layer, model: net } = model(3, 4, 1);
    const random = createRandom(17);
    const centres = Array.from({ length: 3 }, () => Array.from({ length: 4 }, () => random.uniform(-2, 2)));
    const widths = [0.5, 1, 1.5, 3];
    tf.tidy(() => layer.setWeights([tf.tensor2d(centres), tf.tensor1d(widths)]));
    const xs = Array.from({ length: 6 }, () => Array.from({ length: 3 }, () => random.uniform(-2, 2)));
    const ours = tf.tidy(() => (net.predict(tf.tensor2d(xs)) as tf.Tensor2D).arraySync());
    xs.forEach((x, n) => radialBasisReference(x, centres, widths).forEach((v, j) => expect(ours[n]![j]!, `row ${n}, unit ${j}`).toBeCloseTo(v, 5)));
    // At its own centre a unit answers exactly 1.
    const atCentre = tf.tidy(() => (net.predict(tf.tensor2d([centres.map((row) => row[2]!)])) as tf.Tensor2D).arraySync()[0]![2]);
    expect(atCentre).toBeCloseTo(1, 6);
    net.dispose();
  });

  it('holds a centre matrix [inputs × units] and one width per unit, both trainable by gradient', async () => {
    const { layer, model: net } = model(2, 3, 1);
    expect(layer.weights.map((w) => [w.originalName.split('/').at(-1), w.shape, w.trainable])).toEqual([
      ['centres', [2, 3], true],
      ['widths', [3], true],
    ]);
    const before = layer.getWeights().map((w) => Array.from(w.dataSync()));
    net.compile({ optimizer: tf.train.sgd(0.5), loss: 'meanSquaredError' });
    const xs = tf.tensor2d([[0.2, -0.1], [0.5, 0.4]]);
    const ys = tf.tensor2d([[1, 0, 0], [0, 1, 0]]);
    await net.fit(xs, ys, { epochs: 1, batchSize: 2, verbose: 0 });
    const after = layer.getWeights().map((w) => Array.from(w.dataSync()));
    expect(after[0]).not.toEqual(before[0]);
    expect(after[1]).not.toEqual(before[1]);
    tf.dispose([xs, ys]);
    net.dispose();
  });

  it('is registered with tfjs, so a model that uses it survives a round trip through JSON', async () => {
    const { model: net } = model(1, 5, 0.7);
    const copy = await tf.models.modelFromJSON({ modelTopology: net.toJSON(null, false) as tf.io.ModelJSON['modelTopology'] });
    const layer = copy.layers.find((l) => l.getClassName() === 'RadialBasis') as RadialBasis;
    expect([layer.units, layer.width]).toEqual([5, 0.7]);
    net.dispose();
    copy.dispose();
  });

  it('refuses a size or a width that makes no layer, naming it', () => {
    expect(() => radialBasis({ units: 0, width: 1 })).toThrow('RadialBasis: expected units to be a positive integer, but got 0');
    expect(() => radialBasis({ units: 3, width: -1 })).toThrow('RadialBasis: expected width to be a positive number, but got -1');
  });
});
