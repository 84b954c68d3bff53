import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { LECUN_TANH, ScaledTanh, scaledTanh, scaledTanhReference } from '../../../src/network/layers/scaled-tanh';

describe('ScaledTanh layer', () => {
  it('computes A tanh(S a) element by element, as the plain-JavaScript reference does, and maps ±1 to about ±1', () => {
    const values = [-4, -1, -0.25, 0, 0.5, 1, 3];
    const input = tf.input({ shape: [values.length] });
    const model = tf.model({ inputs: input, outputs: scaledTanh({ ...LECUN_TANH, name: 'squash' }).apply(input) as tf.SymbolicTensor });
    const ours = tf.tidy(() => Array.from((model.predict(tf.tensor2d([values])) as tf.Tensor).dataSync()));
    values.forEach((a, i) => expect(ours[i]!, `a = ${a}`).toBeCloseTo(scaledTanhReference(a), 5));
    // LeCun's choice of A and S puts f(1) at 1 (to 4 decimals): targets of ±1 sit where f bends most.
    expect(scaledTanhReference(1)).toBeCloseTo(1, 4);
    expect(model.countParams()).toBe(0);
    model.dispose();
  });

  it('keeps A and S through serialization and refuses a non-positive amplitude', async () => {
    const input = tf.input({ shape: [3] });
    const model = tf.model({ inputs: input, outputs: scaledTanh({ amplitude: 2, slope: 0.5, name: 'squash' }).apply(input) as tf.SymbolicTensor });
    const copy = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) as tf.io.ModelJSON['modelTopology'] });
    const restored = copy.getLayer('squash') as ScaledTanh;
    expect(restored).toBeInstanceOf(ScaledTanh);
    expect([restored.amplitude, restored.slope]).toEqual([2, 0.5]);
    model.dispose();
    copy.dispose();
    expect(() => scaledTanh({ amplitude: 0, slope: 1 })).toThrow(/amplitude to be a positive number, but got 0/);
  });
});
