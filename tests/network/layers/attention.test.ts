import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { AdditiveAlignment, additiveAlignment, additiveAlignmentReference } from '../../../src/network/layers/additive-alignment';
import { attentionContext, attentionContextReference } from '../../../src/network/layers/attention-context';
import { AttentionScore, attentionScore, attentionScoreReference } from '../../../src/network/layers/attention-score';
import { createRandom } from '../../../src/network/numerics/random';

const [STEPS, POSITIONS, QUERY, UNITS, MEMORY] = [3, 5, 4, 6, 2];
const random = createRandom(31);
const matrix = (rows: number, cols: number) => Array.from({ length: rows }, () => Array.from({ length: cols }, () => random.uniform(-1.5, 1.5)));

/** queries s (T × D), keys k (S × A) and memory h (S × U) → alignment → α → context, as one model with three outputs. */
function attentionModel() {
  const queries = tf.input({ shape: [STEPS, QUERY], name: 'queries' });
  const keys = tf.input({ shape: [POSITIONS, UNITS], name: 'keys' });
  const memory = tf.input({ shape: [POSITIONS, MEMORY], name: 'memory' });
  const alignment = additiveAlignment({ units: UNITS, seed: 5, name: 'alignment' });
  const score = attentionScore({ seed: 6, name: 'score' });
  const a = alignment.apply([queries, keys]) as tf.SymbolicTensor;
  const alpha = score.apply(a) as tf.SymbolicTensor;
  const context = attentionContext('context').apply([alpha, memory]) as tf.SymbolicTensor;
  return { alignment, score, model: tf.model({ inputs: [queries, keys, memory], outputs: [a, alpha, context] }) };
}

describe('attention layers (additive alignment, score, context)', () => {
  it('compute a = tanh(W_a s + k), α = softmax_j(v_aᵀ a) and c = Σ_j α_j h_j as the plain-JavaScript references do', () => {
    const { alignment, score, model } = attentionModel();
    const [W, v] = [matrix(QUERY, UNITS), matrix(UNITS, 1)];
    tf.tidy(() => {
      alignment.setWeights([tf.tensor2d(W)]);
      score.setWeights([tf.tensor2d(v)]);
    });
    const [s, k, h] = [matrix(STEPS, QUERY), matrix(POSITIONS, UNITS), matrix(POSITIONS, MEMORY)];
    const [a, alpha, c] = tf.tidy(() =>
      (model.predict([tf.tensor3d([s]), tf.tensor3d([k]), tf.tensor3d([h])]) as tf.Tensor[]).map((t) => t.arraySync() as number[][][][]),
    ) as [number[][][][], number[][][], number[][][]];
    const a64 = additiveAlignmentReference(s, k, W);
    const alpha64 = attentionScoreReference(a64, v.map((row) => row[0]!));
    const c64 = attentionContextReference(alpha64, h);
    a64.forEach((row, i) => row.forEach((cell, j) => cell.forEach((x, u) => expect(a[0]![i]![j]![u]!, `a[${i}][${j}][${u}]`).toBeCloseTo(x, 5))));
    alpha64.forEach((row, i) => row.forEach((x, j) => expect(alpha[0]![i]![j]!, `α[${i}][${j}]`).toBeCloseTo(x, 5)));
    c64.forEach((row, i) => row.forEach((x, m) => expect(c[0]![i]![m]!, `c[${i}][${m}]`).toBeCloseTo(x, 5)));
    model.dispose();
  });

  it('gives attention weights that are positive and sum to 1 over the source positions, for every decoder step', () => {
    const { model } = attentionModel();
    const batch = 4;
    const inputs = [matrix(batch * STEPS, QUERY), matrix(batch * POSITIONS, UNITS), matrix(batch * POSITIONS, MEMORY)];
    const alpha = tf.tidy(() => {
      const [s, k, h] = [tf.tensor3d(inputs[0]!.flat(), [batch, STEPS, QUERY]), tf.tensor3d(inputs[1]!.flat(), [batch, POSITIONS, UNITS]), tf.tensor3d(inputs[2]!.flat(), [batch, POSITIONS, MEMORY])];
      return ((model.predict([s, k, h]) as tf.Tensor[])[1]!.arraySync() as number[][][]);
    });
    for (const rows of alpha)
      for (const row of rows) {
        expect(row.every((x) => x > 0)).toBe(true);
        expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      }
    model.dispose();
  });

  it('hold W_a [query × units] and v_a [units × 1], both trained by gradient; the context layer has no weight', async () => {
    const { alignment, score, model } = attentionModel();
    expect([...alignment.weights, ...score.weights].map((w) => [w.originalName.split('/').at(-1), w.shape, w.trainable])).toEqual([
      ['W_a', [QUERY, UNITS], true],
      ['v_a', [UNITS, 1], true],
    ]);
    expect(model.getLayer('context').weights).toEqual([]);
    const before = [alignment, score].map((l) => Array.from(l.getWeights()[0]!.dataSync()));
    const single = tf.model({ inputs: model.inputs, outputs: model.outputs[2]! });
    single.compile({ optimizer: tf.train.sgd(0.5), loss: 'meanSquaredError' });
    const xs = [tf.tensor3d([matrix(STEPS, QUERY)]), tf.tensor3d([matrix(POSITIONS, UNITS)]), tf.tensor3d([matrix(POSITIONS, MEMORY)])];
    const ys = tf.tensor3d([matrix(STEPS, MEMORY)]);
    await single.fit(xs, ys, { epochs: 1, batchSize: 1, verbose: 0 });
    const after = [alignment, score].map((l) => Array.from(l.getWeights()[0]!.dataSync()));
    expect(after[0]).not.toEqual(before[0]);
    expect(after[1]).not.toEqual(before[1]);
    tf.dispose([...xs, ys]);
    model.dispose();
  });

  it('are registered with tfjs, so a model that uses them survives a round trip through JSON with the same answers', async () => {
    const { model } = attentionModel();
    const copy = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) as tf.io.ModelJSON['modelTopology'] });
    expect(copy.layers.map((l) => l.getClassName())).toEqual(model.layers.map((l) => l.getClassName()));
    copy.setWeights(model.getWeights());
    expect((copy.getLayer('alignment') as AdditiveAlignment).units).toBe(UNITS);
    expect((copy.getLayer('score') as AttentionScore).seed).toBe(6);
    const inputs = () => [tf.tensor3d([matrix(STEPS, QUERY)]), tf.tensor3d([matrix(POSITIONS, UNITS)]), tf.tensor3d([matrix(POSITIONS, MEMORY)])];
    const xs = inputs();
    const [ours, theirs] = tf.tidy(() => [model, copy].map((m) => (m.predict(xs) as tf.Tensor[])[2]!.arraySync() as number[][][]));
    expect(theirs).toEqual(ours);
    tf.dispose(xs);
    model.dispose();
    copy.dispose();
  });

  it('refuses a size or an input that makes no alignment, naming it', () => {
    expect(() => additiveAlignment({ units: 0, seed: 1 })).toThrow('AdditiveAlignment: expected units to be a positive integer, but got 0');
    const queries = tf.input({ shape: [STEPS, QUERY] });
    const keys = tf.input({ shape: [POSITIONS, UNITS + 1] });
    expect(() => additiveAlignment({ units: UNITS, seed: 1 }).apply([queries, keys])).toThrow(`AdditiveAlignment: expected keys of size ${UNITS}, but got ${UNITS + 1}`);
  });
});
