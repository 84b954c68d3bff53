import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { traceModel } from '../../src/graph/trace';
import { imageTensor, meanSquaredError } from '../../src/network/autoencoder';
import { digitSplit } from '../../src/network/datasets/digits';
import dae, { addNoise, denoisingError, trainDenoisingAutoencoder } from '../../src/zoo/denoising-autoencoder';

describe('denoising-autoencoder', () => {
  const noise = dae.configs.demo!.noise;
  const { train, test } = digitSplit();
  const trainImages = imageTensor(train);
  const clean = imageTensor(test);
  const noisy = addNoise(clean, noise, 99);
  const denoising = dae.build(dae.configs.demo!);
  // The same network trained without corruption: a plain autoencoder, the comparison.
  const plain = dae.build({ ...dae.configs.demo!, noise: 0 });
  const options = { epochs: 20, batchSize: 100, learningRate: 0.01, seed: 7 };
  beforeAll(async () => {
    await trainDenoisingAutoencoder(denoising, trainImages, options);
    await trainDenoisingAutoencoder(plain, trainImages, options);
  });
  afterAll(() => {
    tf.dispose([trainImages, clean, noisy]);
    denoising.dispose();
    plain.dispose();
  });

  it('draws its input as noisy-input cells, and the plain variant as ordinary input cells', () => {
    const types = (noiseLevel: number) => traceModel(dae.build({ ...dae.configs.diagram, noise: noiseLevel }), 'dae').groups.map((g) => g.cellType);
    expect(types(0.3)).toEqual(['noisy-input', 'hidden', 'match-input-output']);
    expect(types(0)).toEqual(['input', 'hidden', 'match-input-output']);
  });

  it('adds noise only while training: at inference the corruption layer is the identity', () => {
    const layer = denoising.getLayer('corruption');
    const [atInference, inTraining] = tf.tidy(() => [false, true].map((training) => tf.mean(tf.abs(tf.sub(layer.apply(clean, { training }) as tf.Tensor, clean))).dataSync()[0]!));
    expect(atInference).toBe(0);
    expect(inTraining).toBeCloseTo(noise * Math.sqrt(2 / Math.PI), 2);
  });

  it('removes noise from held-out digits better than the identity, and better than a plain autoencoder', () => {
    const identity = tf.tidy(() => meanSquaredError(clean, noisy).dataSync()[0]!);
    const cleaned = denoisingError(denoising, noisy, clean);
    const plainCleaned = denoisingError(plain, noisy, clean);
    expect(cleaned).toBeLessThan(0.5 * identity);
    expect(cleaned).toBeLessThan(plainCleaned);
  });
});
