import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { AttentionalHidden, attentionalHidden, attentionalHiddenReference } from '../../../src/network/layers/attentional-hidden';
import { dotAttentionScore, dotAttentionScoreReference } from '../../../src/network/layers/dot-attention-score';
import { createRandom } from '../../../src/network/numerics/random';

const [STEPS, POSITIONS, SIZE, CONTEXT, UNITS] = [3, 5, 4, 2, 6];
const random = createRandom(47);
const matrix = (rows: number, cols: number) => Array.from({ length: rows }, () => Array.from({ length: cols }, () => random.uniform(-1.5, 1.5)));

/** queries h (T × D) and keys k (S × D) → α; context c (T × C) and queries → h̃; one model with both outputs. */
function luongModel() {
  const queries = tf.input({ shape: [STEPS, SIZE], name: 'queries' });
  const keys = tf.input({ shape: [POSITIONS, SIZE], name: 'keys' });
  const context = tf.input({ shape: [STEPS, CONTEXT], name: 'context' });
  const hidden = attentionalHidden({ units: UNITS, seed: 3, name: 'attentional' });
  const alpha = dotAttentionScore('score').apply([queries, keys]) as tf.SymbolicTensor;
  const combined = hidden.apply([context, queries]) as tf.SymbolicTensor;
  return { hidden, model: tf.model({ inputs: [queries, keys, context], outputs: [alpha, combined] }) };
}

describe("Luong attention layers (dot-product score, attentional hidden state)", () => {
  it('compute α = softmax_s(h_t · k_s) and h̃ = tanh(W_c [c; h]) as the plain-JavaScript references do', () => {
    const { hidden, model } = luongModel();
    const W = matrix(CONTEXT + SIZE, UNITS);
    tf.tidy(() => hidden.setWeights([tf.tensor2d(W)]));
    const [h, k, c] = [matrix(STEPS, SIZE), matrix(POSITIONS, SIZE), matrix(STEPS, CONTEXT)];
    const [alpha, combined] = tf.tidy(() => (model.predict([tf.tensor3d([h]), tf.tensor3d([k]), tf.tensor3d([c])]) as tf.Tensor[]).map((t) => t.arraySync() as number[][][])) as [
      number[][][],
      number[][][],
    ];
    dotAttentionScoreReference(h, k).forEach((row, t) => row.forEach((x, s) => expect(alpha[0]![t]![s]!, `α[${t}][${s}]`).toBeCloseTo(x, 5)));
    h.forEach((ht, t) => attentionalHiddenReference(c[t]!, ht, W).forEach((x, u) => expect(combined[0]![t]![u]!, `h̃[${t}][${u}]`).toBeCloseTo(x, 5)));
    for (const row of alpha[0]!) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    model.dispose();
  });

  it('give the score no weight and the attentional state one, W_c [(C + D) × units], trained by gradient', async () => {
    const { hidden, model } = luongModel();
    expect(model.getLayer('score').weights).toEqual([]);
    expect(hidden.weights.map((w) => [w.originalName.split('/').at(-1), w.shape, w.trainable])).toEqual([['W_c', [CONTEXT + SIZE, UNITS], true]]);
    const before = Array.from(hidden.getWeights()[0]!.dataSync());
    const single = tf.model({ inputs: model.inputs, outputs: model.outputs[1]! });
    single.compile({ optimizer: tf.train.sgd(0.5), loss: 'meanSquaredError' });
    const xs = [tf.tensor3d([matrix(STEPS, SIZE)]), tf.tensor3d([matrix(POSITIONS, SIZE)]), tf.tensor3d([matrix(STEPS, CONTEXT)])];
    const ys = tf.tensor3d([matrix(STEPS, UNITS)]);
    await single.fit(xs, ys, { epochs: 1, batchSize: 1, verbose: 0 });
    expect(Array.from(hidden.getWeights()[0]!.dataSync())).not.toEqual(before);
    tf.dispose([...xs, ys]);
    model.dispose();
  });

  it('refuse queries and keys of different sizes, naming both', () => {
    const queries = tf.input({ shape: [STEPS, SIZE] });
    const keys = tf.input({ shape: [POSITIONS, SIZE + 1] });
    expect(() => dotAttentionScore('score').apply([queries, keys])).toThrow(/queries and keys of one fixed size, but got 4 and 5/);
  });

  it('are registered with tfjs, so a model that uses them survives a round trip through JSON with the same answers', async () => {
    const { model } = luongModel();
    const copy = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) as tf.io.ModelJSON['modelTopology'] });
    expect(copy.layers.map((l) => l.getClassName())).toEqual(model.layers.map((l) => l.getClassName()));
    copy.setWeights(model.getWeights());
    expect((copy.getLayer('attentional') as AttentionalHidden).units).toBe(UNITS);
    expect((copy.getLayer('attentional') as AttentionalHidden).seed).toBe(3);
    const xs = [tf.tensor3d([matrix(STEPS, SIZE)]), tf.tensor3d([matrix(POSITIONS, SIZE)]), tf.tensor3d([matrix(STEPS, CONTEXT)])];
    const [ours, theirs] = [model, copy].map((m) => tf.tidy(() => (m.predict(xs) as tf.Tensor[]).map((t) => t.arraySync())));
    expect(theirs).toEqual(ours);
    tf.dispose(xs);
    model.dispose();
    copy.dispose();
  });
});
