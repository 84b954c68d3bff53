import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { traceModel } from '../../src/graph/trace';
import { imageTensor, meanSquaredError } from '../../src/network/autoencoder';
import { digitSplit } from '../../src/network/datasets/digits';
import sae, { codeActivations, sparsityPenalty, trainSparseAutoencoder } from '../../src/zoo/sparse-autoencoder';

const meanActivation = (model: tf.LayersModel, images: tf.Tensor2D) => tf.tidy(() => tf.mean(codeActivations(model, images)).dataSync()[0]!);

describe('sparse-autoencoder', () => {
  const { train, test } = digitSplit();
  const trainImages = imageTensor(train);
  const testImages = imageTensor(test);
  const sparse = sae.build(sae.configs.demo!);
  const dense = sae.build(sae.configs.demo!);
  const options = { epochs: 20, batchSize: 100, learningRate: 0.03, seed: 7 };
  beforeAll(async () => {
    await trainSparseAutoencoder(sparse, trainImages, { ...options, sparsity: { target: 0.05, weight: 3 } });
    await trainSparseAutoencoder(dense, trainImages, { ...options, sparsity: { target: 0.05, weight: 0 } });
  });
  afterAll(() => {
    tf.dispose([trainImages, testImages]);
    sparse.dispose();
    dense.dispose();
  });

  it('has a code wider than its input', () => {
    const groups = traceModel(sae.build(sae.configs.diagram), 'sae').groups;
    expect(groups.map((g) => `${g.id}:${g.size}`)).toEqual(['input:4', 'code:6', 'reconstruction:4']);
  });

  it('penalises a code cell by the KL divergence of its firing rate from the target, and not at the target', () => {
    const at = (rate: number) => tf.tidy(() => sparsityPenalty(tf.fill([10, 1], rate) as tf.Tensor2D, { target: 0.1, weight: 2 }).dataSync()[0]!);
    expect(at(0.1)).toBeCloseTo(0, 6);
    expect(at(0.5)).toBeCloseTo(2 * (0.1 * Math.log(0.1 / 0.5) + 0.9 * Math.log(0.9 / 0.5)), 4);
  });

  it('keeps its code sparse on held-out digits: mean activation near the 5 % target, far below the unpenalised net’s', () => {
    const withPenalty = meanActivation(sparse, testImages);
    const without = meanActivation(dense, testImages);
    expect(withPenalty).toBeLessThan(0.1);
    expect(withPenalty).toBeLessThan(0.5 * without);
  });

  it('still reconstructs held-out digits far better than the mean digit does', () => {
    const error = tf.tidy(() => meanSquaredError(testImages, sparse.predict(testImages) as tf.Tensor).dataSync()[0]!);
    const meanDigit = tf.tidy(() => meanSquaredError(testImages, tf.mean(trainImages, 0)).dataSync()[0]!);
    expect(error).toBeLessThan(0.6 * meanDigit);
  });
});
