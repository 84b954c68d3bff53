import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { traceModel } from '../../src/graph/trace';
import { imageTensor } from '../../src/network/autoencoder';
import { digitSplit } from '../../src/network/datasets/digits';
import vae, { decode, forward, klDivergence, trainVariationalAutoencoder } from '../../src/zoo/variational-autoencoder';

/** Mean squared Euclidean distance from each row of `x` to its nearest row of `references`. */
function distanceToNearest(x: tf.Tensor2D, references: tf.Tensor2D): number {
  return tf.tidy(() => {
    const squared = tf.add(tf.sub(tf.sum(tf.square(x), 1, true), tf.mul(2, tf.matMul(x, references, false, true))), tf.sum(tf.square(references), 1).expandDims(0));
    return tf.mean(tf.min(squared, 1)).dataSync()[0]!;
  });
}

describe('variational-autoencoder', () => {
  const { train, test } = digitSplit();
  const trainImages = imageTensor(train);
  const testImages = imageTensor(test);
  const model = vae.build(vae.configs.demo!);
  let history: number[] = [];
  beforeAll(async () => {
    history = await trainVariationalAutoencoder(model, trainImages, { epochs: 25, batchSize: 100, learningRate: 0.01, seed: 7 });
  });
  afterAll(() => {
    tf.dispose([trainImages, testImages]);
    model.dispose();
  });

  it('draws its code as probabilistic cells: mean and log-variance feed each sample cell through one weightless sample tie each', () => {
    const graph = traceModel(vae.build(vae.configs.diagram), 'vae');
    expect(graph.groups.map((g) => `${g.id}:${g.cellType}`)).toEqual([
      'input:input',
      'encoder:hidden',
      'z-mean:probabilistic-hidden',
      'z-log-variance:probabilistic-hidden',
      'z:probabilistic-hidden',
      'decoder:hidden',
      'reconstruction:match-input-output',
    ]);
    const ties = graph.connections.filter((c) => c.to.startsWith('z.'));
    expect(ties.map((c) => `${c.from}→${c.to}:${c.kind}:${c.trainable}`).sort()).toEqual(
      ['z-mean.0→z.0', 'z-log-variance.0→z.0', 'z-mean.1→z.1', 'z-log-variance.1→z.1'].map((e) => `${e}:sample:undefined`).sort(),
    );
  });

  it('lowers its negative ELBO while training, with a finite, positive KL on held-out digits', () => {
    expect(history.at(-1)!).toBeLessThan(0.75 * history[0]!);
    const { mean, logVariance, reconstruction } = forward(model, testImages);
    const kl = tf.tidy(() => tf.mean(klDivergence(mean, logVariance)).dataSync()[0]!);
    tf.dispose([mean, logVariance, reconstruction]);
    expect(Number.isFinite(kl)).toBe(true);
    // Above zero: the code carries information about the input (it has not collapsed onto the prior).
    expect(kl).toBeGreaterThan(0.5);
  });

  it('generates, from random codes of the prior, images far closer to real digits than noise is', () => {
    const z = tf.randomNormal([200, 2], 0, 1, 'float32', 5) as tf.Tensor2D;
    const generated = decode(model, z);
    const noise = tf.randomUniform([200, 64], 0, 1, 'float32', 6) as tf.Tensor2D;
    const fromPrior = distanceToNearest(generated, testImages);
    const fromNoise = distanceToNearest(noise, testImages);
    tf.dispose([z, generated, noise]);
    expect(fromPrior).toBeLessThan(0.3 * fromNoise);
  });
});
