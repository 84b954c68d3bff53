import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { PositionEmbedding, positionEmbedding, positionEmbeddingReference } from '../../../src/network/layers/position-embedding';

describe('PositionEmbedding layer', () => {
  it('adds one learned row per position, as the plain-JavaScript reference does, with positions × features parameters', () => {
    const input = tf.input({ shape: [3, 2] });
    const layer = positionEmbedding({ seed: 5, name: 'pos' });
    const model = tf.model({ inputs: input, outputs: layer.apply(input) as tf.SymbolicTensor });
    expect(model.countParams()).toBe(6);
    const flat = Array.from(layer.getWeights()[0]!.dataSync());
    const embedding = [0, 1, 2].map((p) => flat.slice(2 * p, 2 * p + 2));
    const tokens = [
      [[1, 2], [3, 4], [5, 6]],
      [[0, 0], [0, 0], [0, 0]],
    ];
    const ours = tf.tidy(() => (model.predict(tf.tensor3d(tokens)) as tf.Tensor).arraySync() as number[][][]);
    const expected = positionEmbeddingReference(tokens, embedding);
    ours.forEach((sequence, b) => sequence.forEach((t, p) => t.forEach((v, k) => expect(v, `[${b}, ${p}, ${k}]`).toBeCloseTo(expected[b]![p]![k]!, 6))));
    // Rows differ: each position gets its own vector.
    expect(embedding[0]).not.toEqual(embedding[1]);
    model.dispose();
  });

  it('passes gradients to its embedding and survives serialization through modelFromJSON', async () => {
    const input = tf.input({ shape: [4, 3] });
    const model = tf.model({ inputs: input, outputs: positionEmbedding({ seed: 2, name: 'pos' }).apply(input) as tf.SymbolicTensor });
    const x = tf.randomNormal([2, 4, 3], 0, 1, 'float32', 1);
    const { grads } = tf.variableGrads(() => (model.apply(x) as tf.Tensor).square().sum() as tf.Scalar);
    expect(Object.values(grads)[0]!.abs().sum().dataSync()[0]).toBeGreaterThan(0);
    const copy = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) as tf.io.ModelJSON['modelTopology'] });
    expect(copy.getLayer('pos')).toBeInstanceOf(PositionEmbedding);
    copy.setWeights(model.getWeights());
    const [a, b] = [model, copy].map((m) => Array.from((m.predict(x) as tf.Tensor).dataSync()));
    expect(b).toEqual(a);
    tf.dispose([x, ...Object.values(grads)]);
    model.dispose();
    copy.dispose();
    expect(() => positionEmbedding({ seed: Number.NaN })).toThrow(/seed to be an integer/);
  });
});
