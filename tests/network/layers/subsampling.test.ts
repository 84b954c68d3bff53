import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Subsampling, subsampling, subsamplingReference } from '../../../src/network/layers/subsampling';
import { createRandom } from '../../../src/network/numerics/random';

describe('Subsampling layer', () => {
  it('adds each 2×2 window of a map, multiplies by the map’s coefficient and adds its bias, as the plain-JavaScript reference does', () => {
    const random = createRandom(11);
    const [side, maps] = [6, 3];
    const values = Array.from({ length: side * side * maps }, () => random.uniform(-1, 1));
    const input = tf.input({ shape: [side, side, maps] });
    const layer = subsampling({ poolSize: 2, name: 's2' });
    const model = tf.model({ inputs: input, outputs: layer.apply(input) as tf.SymbolicTensor });
    const coefficients = [0.7, -1.3, 2];
    const biases = [0.1, 0, -0.4];
    layer.setWeights([tf.tensor1d(coefficients), tf.tensor1d(biases)]);
    const ours = tf.tidy(() => Array.from((model.predict(tf.tensor4d(values, [1, side, side, maps])) as tf.Tensor).dataSync()));
    expect(model.outputs[0]!.shape).toEqual([null, 3, 3, maps]);
    for (let m = 0; m < maps; m++) {
      const map = Array.from({ length: side }, (_, r) => Array.from({ length: side }, (_, c) => values[(r * side + c) * maps + m]!));
      subsamplingReference(map, 2, coefficients[m]!, biases[m]!).forEach((row, r) =>
        row.forEach((v, c) => expect(ours[(r * 3 + c) * maps + m]!, `map ${m} at ${r},${c}`).toBeCloseTo(v, 5)),
      );
    }
    // Two weights per map, whatever the map's size: LeNet-5's S2 has 12.
    expect(model.countParams()).toBe(2 * maps);
    model.dispose();
  });

  it('keeps its window through serialization and refuses a window of 0', async () => {
    const input = tf.input({ shape: [4, 4, 2] });
    const model = tf.model({ inputs: input, outputs: subsampling({ poolSize: 2, name: 's4' }).apply(input) as tf.SymbolicTensor });
    const copy = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) as tf.io.ModelJSON['modelTopology'] });
    const restored = copy.getLayer('s4') as Subsampling;
    expect(restored).toBeInstanceOf(Subsampling);
    expect(restored.poolSize).toBe(2);
    expect(copy.countParams()).toBe(4);
    model.dispose();
    copy.dispose();
    expect(() => subsampling({ poolSize: 0 })).toThrow(/poolSize to be a positive integer, but got 0/);
  });
});
