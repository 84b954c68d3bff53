import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { linkTiedEmbeddings, positionCode, TiedSoftmax, tiedSoftmaxReference, TokenEmbedding, tokenEmbeddingReference } from '../../../src/network/layers/token-embedding';
import { createRandom } from '../../../src/network/numerics/random';

const [VOCABULARY, UNITS, POSITIONS] = [5, 4, 3];
const random = createRandom(17);
const oneHot = (s: number) => Array.from({ length: VOCABULARY }, (_, k) => (k === s ? 1 : 0));

/** source → embedding; target → tied embedding → tied softmax: the three uses of one matrix. */
function tiedModel() {
  const source = tf.input({ shape: [POSITIONS, VOCABULARY], name: 'source' });
  const target = tf.input({ shape: [POSITIONS, VOCABULARY], name: 'target' });
  const embedding = new TokenEmbedding({ vocabulary: VOCABULARY, units: UNITS, seed: 3, name: 'embedding' });
  const tied = new TokenEmbedding({ vocabulary: VOCABULARY, units: UNITS, seed: 0, tiedTo: 'embedding', name: 'tied' }, embedding);
  const softmax = new TiedSoftmax({ vocabulary: VOCABULARY, name: 'softmax' }, embedding);
  const a = embedding.apply(source) as tf.SymbolicTensor;
  const b = tied.apply(target) as tf.SymbolicTensor;
  const out = softmax.apply(tf.layers.add().apply([a, b]) as tf.SymbolicTensor) as tf.SymbolicTensor;
  return { embedding, model: tf.model({ inputs: [source, target], outputs: [a, b, out] }) };
}

describe('token embedding and tied softmax (one matrix E for source, target and output)', () => {
  it('compute E x · √d + PE and softmax(h Eᵀ) as the plain-JavaScript references do, with the sinusoidal code of the paper', () => {
    const { embedding, model } = tiedModel();
    const matrix = Array.from({ length: VOCABULARY }, () => Array.from({ length: UNITS }, () => random.uniform(-1, 1)));
    tf.tidy(() => embedding.setWeights([tf.tensor2d(matrix)]));
    const [xs, ys] = [[0, 3, 4], [2, 2, 1]];
    const [a, b, out] = tf.tidy(() => (model.predict([tf.tensor3d([xs.map(oneHot)]), tf.tensor3d([ys.map(oneHot)])]) as tf.Tensor[]).map((t) => t.arraySync() as number[][][]));
    const [ra, rb] = [tokenEmbeddingReference(xs, matrix), tokenEmbeddingReference(ys, matrix)];
    ra.forEach((row, p) => row.forEach((v, k) => expect(a![0]![p]![k]!).toBeCloseTo(v, 5)));
    rb.forEach((row, p) => row.forEach((v, k) => expect(b![0]![p]![k]!).toBeCloseTo(v, 5)));
    ra.forEach((row, p) => tiedSoftmaxReference(row.map((v, k) => v + rb[p]![k]!), matrix).forEach((v, s) => expect(out![0]![p]![s]!).toBeCloseTo(v, 5)));
    // PE(p, 2i) = sin(p / 10000^(2i/d)), PE(p, 2i+1) = cos(…): position 0 is (0, 1, 0, 1).
    expect(positionCode(2, 4)[0]).toEqual([0, 1, 0, 1]);
    expect(positionCode(2, 4)[1]![2]).toBeCloseTo(Math.sin(1 / 100), 12);
    model.dispose();
  });

  it('counts E once, and trains it through all three uses', () => {
    const { embedding, model } = tiedModel();
    expect(model.countParams()).toBe(VOCABULARY * UNITS);
    expect(model.trainableWeights).toHaveLength(1);
    // The gradient through each use alone is nonzero: each reads E.
    tf.tidy(() => {
      const [x, y] = [tf.tensor3d([[0, 1, 2].map(oneHot)]), tf.tensor3d([[3, 4, 0].map(oneHot)])];
      for (const output of [0, 1, 2]) {
        const { grads } = tf.variableGrads(() => ((model.apply([x, y]) as tf.Tensor[])[output]!.square().sum() as tf.Scalar));
        expect(Object.keys(grads)).toEqual([embedding.matrix.name]);
        expect(grads[embedding.matrix.name]!.abs().sum().dataSync()[0]).toBeGreaterThan(0);
      }
    });
    model.dispose();
  });

  it('is registered with tfjs: a model survives a round trip through JSON, its tied layers linked again by name', async () => {
    const { model } = tiedModel();
    const copy = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) as tf.io.ModelJSON['modelTopology'] });
    const tied = copy.getLayer('tied') as TokenEmbedding;
    expect([tied.tiedTo, tied.vocabulary, tied.units]).toEqual(['embedding', VOCABULARY, UNITS]);
    expect((copy.getLayer('softmax') as TiedSoftmax).tiedTo).toBe('embedding');
    expect(() => copy.predict([tf.zeros([1, POSITIONS, VOCABULARY]), tf.zeros([1, POSITIONS, VOCABULARY])])).toThrow(/not linked/);
    linkTiedEmbeddings(copy);
    copy.setWeights(model.getWeights());
    const [x, y] = [tf.tensor3d([[1, 2, 3].map(oneHot)]), tf.tensor3d([[4, 0, 1].map(oneHot)])];
    const [a, b] = [model, copy].map((m) => ((m.predict([x, y]) as tf.Tensor[])[2]!.arraySync() as number[][][]));
    expect(b).toEqual(a);
    expect(copy.countParams()).toBe(model.countParams());
    tf.dispose([x, y]);
    copy.dispose();
    model.dispose();
  });
});
