import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { traceModel } from '../../src/graph/trace';
import { imageTensor } from '../../src/network/autoencoder';
import { digitSplit } from '../../src/network/datasets/digits';
import dcign, { decode, encode, forward, trainDcign } from '../../src/zoo/dcign';
import { klDivergence } from '../../src/zoo/variational-autoencoder';
import { equivalentMatrix } from '../support/equivalent-connectivity';

const scalar = (t: tf.Tensor): number => t.dataSync()[0]!;
const cellIndex = (id: string) => Number(id.slice(id.lastIndexOf('.') + 1));

/** Mean squared Euclidean distance from each row of `x` to its nearest row of `references`. */
function distanceToNearest(x: tf.Tensor2D, references: tf.Tensor2D): number {
  return tf.tidy(() => {
    const squared = tf.add(tf.sub(tf.sum(tf.square(x), 1, true), tf.mul(2, tf.matMul(x, references, false, true))), tf.sum(tf.square(references), 1).expandDims(0));
    return scalar(tf.mean(tf.min(squared, 1)));
  });
}

describe('dcign', () => {
  it('draws a convolutional encoder, a probabilistic code and a transposed-convolution decoder whose output reproduces the input', () => {
    const model = dcign.build(dcign.configs.diagram);
    const graph = traceModel(model, 'dcign');
    expect(graph.groups.map((g) => `${g.id}:${g.cellType}:${g.size}`)).toEqual([
      'input:input:6',
      'convolution:kernel:4',
      'pool:convolution-pool:2',
      'z-mean:probabilistic-hidden:2',
      'z-log-variance:probabilistic-hidden:2',
      'z:probabilistic-hidden:2',
      'project:hidden:2',
      'reconstruction:match-input-output:6',
    ]);
    const ties = graph.connections.filter((c) => c.to.startsWith('z.'));
    expect(ties.map((c) => `${c.from}→${c.to}:${c.kind}:${c.trainable}`).sort()).toEqual(
      ['z-log-variance.0→z.0', 'z-log-variance.1→z.1', 'z-mean.0→z.0', 'z-mean.1→z.1'].map((e) => `${e}:sample:undefined`),
    );
    // The decoder's painting layer: exactly its equivalent matrix's nonzeros, each naming its kernel tap.
    const paint = model.getLayer('reconstruction');
    const matrix = equivalentMatrix(paint);
    const taps = paint.getWeights()[0]!.dataSync();
    const painted = graph.connections.filter((c) => c.to.startsWith('reconstruction.'));
    expect(painted.length).toBe(matrix.flat().filter((w) => w !== 0).length);
    for (const c of painted) expect(matrix[cellIndex(c.from)]![cellIndex(c.to)]).toBe(taps[Number(c.weight!.split(':')[1])]);
    model.dispose();
  });

  it('refuses, naming the sizes, a pool that does not tile the convolved map (the decoder could not mirror it)', () => {
    expect(() => dcign.build({ ...dcign.configs.diagram, input: [1, 7] })).toThrow('dcign: expected the convolved map [1, 5]');
  });

  describe('trained on 1000 digits', () => {
    const { train, test } = digitSplit();
    const trainImages = imageTensor(train);
    const testImages = imageTensor(test);
    const model = dcign.build(dcign.configs.demo!);
    let history: number[] = [];
    beforeAll(async () => {
      history = await trainDcign(model, trainImages, { epochs: 10, batchSize: 25, learningRate: 0.01, seed: 7 });
    }, 120_000);
    afterAll(() => {
      tf.dispose([trainImages, testImages]);
      model.dispose();
    });

    it('lowers its negative ELBO, and reconstructs held-out digits far better than the mean training image does', () => {
      expect(history.at(-1)!).toBeLessThan(0.8 * history[0]!);
      // Through the code's mean (no sampling noise): the reconstruction the code itself carries.
      const [reconstructionError, meanImageError] = tf.tidy(() => {
        const { mean } = encode(model, testImages);
        const reconstruction = decode(model, mean);
        const meanImage = tf.mean(trainImages, 0, true);
        return [scalar(tf.mean(tf.squaredDifference(reconstruction, testImages))), scalar(tf.mean(tf.squaredDifference(meanImage, testImages)))];
      });
      // Measured 0.54 of the baseline: a code of two or three nats cannot carry every stroke of a digit.
      expect(reconstructionError).toBeLessThan(0.7 * meanImageError);
    });

    it('keeps information in its code (KL from the prior above zero) and samples the code afresh on every pass', () => {
      const first = forward(model, testImages);
      const second = forward(model, testImages);
      const kl = tf.tidy(() => scalar(tf.mean(klDivergence(first.mean, first.logVariance))));
      const resampled = tf.tidy(() => scalar(tf.max(tf.abs(tf.sub(first.reconstruction, second.reconstruction)))));
      tf.dispose([first, second].flatMap((p) => [p.mean, p.logVariance, p.reconstruction]));
      expect(Number.isFinite(kl)).toBe(true);
      expect(kl).toBeGreaterThan(1);
      expect(resampled).toBeGreaterThan(0);
    });

    it('generates, from codes drawn from the prior, images far closer to real digits than noise is', () => {
      const z = tf.randomNormal([200, dcign.configs.demo!.latent], 0, 1, 'float32', 5) as tf.Tensor2D;
      const generated = decode(model, z);
      const noise = tf.randomUniform([200, 64], 0, 1, 'float32', 6) as tf.Tensor2D;
      const fromPrior = distanceToNearest(generated, testImages);
      const fromNoise = distanceToNearest(noise, testImages);
      tf.dispose([z, generated, noise]);
      expect(fromPrior).toBeLessThan(0.3 * fromNoise);
    });
  });
});
