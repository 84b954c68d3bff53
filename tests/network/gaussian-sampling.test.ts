import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { GaussianSampling } from '../../src/network/layers/gaussian-sampling';
import { klDivergence } from '../../src/zoo/variational-autoencoder';

describe('GaussianSampling', () => {
  const mean = [
    [0.5, -1.2, 2],
    [0, 0.3, -0.7],
  ];
  const logVariance = [
    [0, -2, 1.5],
    [-0.4, 0.8, -3],
  ];

  it('draws z = μ + exp(½·log σ²)·ε, with ε the seeded standard normal noise of its call', () => {
    const layer = new GaussianSampling({ seed: 42 });
    const z = tf.tidy(() => (layer.apply([tf.tensor2d(mean), tf.tensor2d(logVariance)]) as tf.Tensor2D).arraySync());
    // The first call uses the seed itself.
    const epsilon = tf.tidy(() => tf.randomNormal([2, 3], 0, 1, 'float32', 42).arraySync() as number[][]);
    const expected = mean.map((row, i) => row.map((m, j) => m + Math.exp(0.5 * logVariance[i]![j]!) * epsilon[i]![j]!));
    z.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i]![j]!, 5)));
  });

  it('draws fresh noise on every call, so training sees a new sample each step', () => {
    const layer = new GaussianSampling({ seed: 42 });
    const [a, b] = [0, 1].map(() => tf.tidy(() => (layer.apply([tf.tensor2d(mean), tf.tensor2d(logVariance)]) as tf.Tensor2D).arraySync()));
    expect(a).not.toEqual(b);
  });

  it('has no weights and survives a model’s serialization with its seed', async () => {
    const [m, v] = [tf.input({ shape: [3] }), tf.input({ shape: [3] })];
    const layer = new GaussianSampling({ seed: 7, name: 'z' });
    const model = tf.model({ inputs: [m, v], outputs: layer.apply([m, v]) as tf.SymbolicTensor });
    expect(layer.weights).toEqual([]);
    const revived = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) as tf.io.ModelJSON['modelTopology'] });
    expect(revived.getLayer('z')).toBeInstanceOf(GaussianSampling);
    expect(revived.getLayer('z').getConfig()).toMatchObject({ seed: 7, name: 'z' });
  });

  it('has the KL divergence from the standard normal of the closed form −½·Σ(1 + log σ² − μ² − σ²)', () => {
    const kl = tf.tidy(() => klDivergence(tf.tensor2d(mean), tf.tensor2d(logVariance)).arraySync());
    const reference = mean.map((row, i) => -0.5 * row.reduce((s, m, j) => s + 1 + logVariance[i]![j]! - m * m - Math.exp(logVariance[i]![j]!), 0));
    kl.forEach((v, i) => expect(v).toBeCloseTo(reference[i]!, 5));
    // Zero exactly at the prior itself.
    expect(tf.tidy(() => klDivergence(tf.zeros([1, 3]), tf.zeros([1, 3])).arraySync())[0]).toBeCloseTo(0, 10);
  });
});
