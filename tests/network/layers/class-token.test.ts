import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ClassToken, ClassTokenReadout, classToken, classTokenReadout, classTokenReference } from '../../../src/network/layers/class-token';

describe('ClassToken layer', () => {
  it('puts its learned vector in front of every sequence, as the plain-JavaScript reference does, with d parameters', () => {
    const input = tf.input({ shape: [3, 2] });
    const layer = classToken({ seed: 4, name: 'cls' });
    const model = tf.model({ inputs: input, outputs: layer.apply(input) as tf.SymbolicTensor });
    expect(model.countParams()).toBe(2);
    const token = Array.from(layer.getWeights()[0]!.dataSync());
    const tokens = [
      [[1, 2], [3, 4], [5, 6]],
      [[-1, 0], [0.5, 0.25], [7, -7]],
    ];
    const ours = tf.tidy(() => (model.predict(tf.tensor3d(tokens)) as tf.Tensor).arraySync() as number[][][]);
    const expected = classTokenReference(tokens, token);
    ours.forEach((sequence, b) => sequence.forEach((t, p) => t.forEach((v, k) => expect(v, `[${b}, ${p}, ${k}]`).toBeCloseTo(expected[b]![p]![k]!, 6))));
    expect(ours[0]![0]).toEqual(ours[1]![0]);
    model.dispose();
  });

  it('passes gradients to its token and to every input token', () => {
    const layer = classToken({ seed: 1 });
    const x = tf.randomNormal([2, 3, 4], 0, 1, 'float32', 7);
    layer.apply(x);
    const { grads } = tf.variableGrads(() => (layer.apply(x) as tf.Tensor).square().sum() as tf.Scalar);
    expect(Object.keys(grads)).toHaveLength(1);
    expect(Object.values(grads)[0]!.abs().sum().dataSync()[0]).toBeGreaterThan(0);
    const dx = tf.grad((input: tf.Tensor) => (layer.apply(input) as tf.Tensor).sum())(x);
    expect(Array.from(dx.dataSync()).every((v) => v === 1)).toBe(true);
    tf.dispose([x, dx, ...Object.values(grads)]);
  });

  it('survives serialization through modelFromJSON, and the readout takes token 0 alone', async () => {
    const input = tf.input({ shape: [2, 3] });
    const withToken = classToken({ seed: 9, name: 'cls' }).apply(input) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: classTokenReadout('readout').apply(withToken) as tf.SymbolicTensor });
    expect(model.outputs[0]!.shape).toEqual([null, 3]);
    const copy = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) as tf.io.ModelJSON['modelTopology'] });
    expect(copy.getLayer('cls')).toBeInstanceOf(ClassToken);
    expect((copy.getLayer('cls') as ClassToken).seed).toBe(9);
    expect(copy.getLayer('readout')).toBeInstanceOf(ClassTokenReadout);
    copy.setWeights(model.getWeights());
    const x = tf.randomNormal([4, 2, 3], 0, 1, 'float32', 3);
    const token = Array.from(model.getWeights()[0]!.dataSync());
    for (const m of [model, copy]) {
      const out = m.predict(x) as tf.Tensor;
      (out.arraySync() as number[][]).forEach((row) => row.forEach((v, k) => expect(v).toBeCloseTo(token[k]!, 6)));
      out.dispose();
    }
    tf.dispose(x);
    model.dispose();
    copy.dispose();
    expect(() => classToken({ seed: 0.5 })).toThrow(/seed to be an integer, but got 0.5/);
  });
});
