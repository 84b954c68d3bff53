import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { traceModel } from '../../src/graph/trace';
import { imageTensor } from '../../src/network/autoencoder';
import { digitSplit } from '../../src/network/datasets/digits';
import autoencoder, { encode, reconstructionError, trainAutoencoder } from '../../src/zoo/autoencoder';

describe('autoencoder', () => {
  const { train, test } = digitSplit();
  const trainImages = imageTensor(train);
  const testImages = imageTensor(test);
  const model = autoencoder.build(autoencoder.configs.demo!);
  let history: number[] = [];
  beforeAll(async () => {
    history = await trainAutoencoder(model, trainImages, { epochs: 24, batchSize: 100, learningRate: 0.01, seed: 7 });
  });
  afterAll(() => {
    tf.dispose([trainImages, testImages]);
    model.dispose();
  });

  it('is an hourglass symmetric around a narrower code, whose output cells match its input', () => {
    const graph = traceModel(autoencoder.build(autoencoder.configs.diagram), 'autoencoder');
    expect(graph.groups.map((g) => `${g.id}:${g.size}:${g.cellType}`)).toEqual([
      'input:6:input',
      'encoder:3:hidden',
      'code:2:hidden',
      'decoder:3:hidden',
      'reconstruction:6:match-input-output',
    ]);
  });

  it('learns to reconstruct held-out digits through 8 code cells far better than the mean digit does', () => {
    const meanDigitError = tf.tidy(() => tf.mean(tf.squaredDifference(testImages, tf.mean(trainImages, 0))).dataSync()[0]!);
    const error = reconstructionError(model, testImages);
    expect(history.at(-1)!).toBeLessThan(history[0]! / 3);
    expect(error).toBeLessThan(0.4 * meanDigitError);
  });

  it('has learned digits, not the identity: random images come back far worse than digits', () => {
    const noise = tf.randomUniform([200, 64], 0, 1, 'float32', 3) as tf.Tensor2D;
    const noiseError = reconstructionError(model, noise);
    noise.dispose();
    expect(noiseError).toBeGreaterThan(4 * reconstructionError(model, testImages));
  });

  it('describes each digit by 8 numbers, its code', () => {
    const code = encode(model, testImages);
    expect(code.shape).toEqual([test.length, 8]);
    code.dispose();
  });
});
