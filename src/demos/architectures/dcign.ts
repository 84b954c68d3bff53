import * as tf from '@tensorflow/tfjs';
import { imageTensor } from '../../network/autoencoder';
import { digitSplit, oneOfEach } from '../../network/datasets/digits';
import dcign, { decode, encode, trainDcign } from '../../zoo/dcign';
import { batchLoss, everyBatch } from '../batch-loss';
import { elboCurveSvg } from '../elbo-curve';
import { imageGridSvg } from '../image-grid';
import type { ParamValues } from '../params';
import { defineDemo } from '../types';
import params from './dcign.params';

/** The traversal: GRID values per varied unit, from −SPAN to SPAN (the prior's ±2 standard deviations). */
const GRID = 7;
const SPAN = 2;

/** KL divergence of each code unit from the prior, averaged over the images: how much each unit is used. */
function klPerUnit(mean: tf.Tensor2D, logVariance: tf.Tensor2D): number[] {
  return tf.tidy(() => Array.from(tf.mean(tf.mul(-0.5, tf.sub(tf.sub(tf.add(1, logVariance), tf.square(mean)), tf.exp(logVariance))), 0).dataSync()));
}

/** The network at the reader's settings: the demo configuration with their number of code units. */
const networkAt = (values: ParamValues<typeof params>) => ({ ...dcign.configs.demo!, latent: values.latent });

/**
 * The DC-IGN definition at demo size (8×8 digit → 16 kernels of 3×3, 2×2 pooling → code →
 * transposed convolution → 8×8), trained on 1000 digits with the variational bound. Then it does what the paper
 * does with its graphics code: infer the code of one held-out digit, hold every unit but two at
 * their values, and render a grid while those two sweep across the prior.
 */
export default defineDemo({
  params,
  living: { architecture: dcign, config: networkAt },
  // Stays on the CPU backend: tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter kernel, so training
  // a convolution fails there ("Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'").
  stages: [{ key: 'fit:train', label: 'Training on 1000 digits', unit: 'batches', errorLabel: 'negative ELBO (nats)', weight: 1 }],
  async run(values, progress) {
    const model = dcign.build(networkAt(values));
    const { train, test, testLabels } = digitSplit();
    const trainImages = imageTensor(train);
    const testImages = imageTensor(test);
    const shown = oneOfEach(testLabels, test.map((_, i) => i));
    const shownImages = tf.gather(testImages, shown);
    const originalRow = { label: 'original', images: (shownImages.arraySync() as number[][]).map((pixels) => ({ pixels })) };
    const curve = batchLoss({ model: 'DC-IGN', epochs: values.epochs, yLabel: 'negative ELBO (nats per digit)', digits: 1 });
    // Live: ten held-out digits rendered from their inferred codes now, and the loss of every batch.
    const live = () => [
      imageGridSvg({
        title: `Held-out digits and what the decoder renders from their inferred codes after ${curve.points.at(-1)![0].toFixed(1)} epochs`,
        description: `Top row: ten digits the network never saw. Bottom row: the decoder's rendering of each digit's mean code so far.`,
        width: 8,
        rows: [
          originalRow,
          { label: `through ${values.latent} code units`, images: tf.tidy(() => decode(model, encode(model, shownImages).mean).arraySync()).map((pixels) => ({ pixels })) },
        ],
      }),
      curve.svg(),
    ];
    try {
      // The living diagram follows the held-out digit whose code the traversal varies.
      progress.watch(model, testImages.slice([shown[values.digit]!], [1]));
      const history = await trainDcign(model, trainImages, {
        epochs: values.epochs,
        // 25 batches of 40 an epoch at 0.02: over the default 8 epochs, 200 steps where 10 epochs of 40
        // batches of 25 at 0.01 took 400 (a step's cost is mostly per operation, not per digit), for a
        // code nearly as good (held-out error 0.042 against 0.040, 2.64 nats against 2.56).
        batchSize: 40,
        learningRate: 0.02,
        seed: 7,
        ...everyBatch(progress, curve, live),
      });
      const result = tf.tidy(() => {
        const { mean, logVariance } = encode(model, testImages);
        const reconstruction = decode(model, mean);
        const meanImage = tf.mean(trainImages, 0, true);
        const picked = tf.tensor1d(shown, 'int32');
        return {
          error: tf.mean(tf.squaredDifference(reconstruction, testImages)).dataSync()[0]!,
          baseline: tf.mean(tf.squaredDifference(meanImage, testImages)).dataSync()[0]!,
          kl: klPerUnit(mean, logVariance),
          rebuilt: tf.gather(reconstruction, picked).arraySync() as number[][],
          start: (tf.gather(mean, [shown[values.digit]!]).arraySync() as number[][])[0]!,
        };
      });
      // The two units the trained network leans on most: sweeping an unused unit would change nothing.
      const [a, b] = result.kl.map((kl, unit) => ({ kl, unit })).sort((x, y) => y.kl - x.kl).map((u) => u.unit);
      const steps = Array.from({ length: GRID }, (_, k) => -SPAN + (2 * SPAN * k) / (GRID - 1));
      const traversal = steps.map((zb) => ({
        label: `z${b! + 1} = ${zb.toFixed(2)}`,
        images: tf
          .tidy(() => decode(model, tf.tensor2d(steps.map((za) => result.start.map((v, unit) => (unit === a ? za : unit === b ? zb : v))))).arraySync())
          .map((pixels) => ({ pixels })),
      }));
      const totalKl = result.kl.reduce((s, v) => s + v, 0);
      const klText = result.kl.map((v, unit) => `z${unit + 1} ${v.toFixed(2)}`).join(', ');
      return {
        metrics: [
          { name: 'reconstruction', label: 'Reconstruction error through the code, held-out digits (mean squared, per pixel)', value: result.error },
          { name: 'baseline', label: 'Error of the average training digit, the same held-out digits', value: result.baseline },
          { name: 'kl', label: 'KL divergence of the code from the prior, held-out digits (nats)', value: totalKl },
        ],
        plots: [
          imageGridSvg({
            title: `Graphics code traversal: the code of a held-out ${values.digit}, with z${a! + 1} swept from −${SPAN} to ${SPAN} left to right and z${b! + 1} down the rows, every other unit held`,
            description: `Each image is rendered by the decoder from the inferred code of one held-out ${values.digit}, with two units replaced. The units swept are the two that carry the most information (KL per unit on held-out digits: ${klText}). Nothing made a unit mean one factor such as slant or thickness: without the paper's clamped training batches each unit mixes whatever factors helped reconstruction.`,
            width: 8,
            rows: traversal,
          }),
          imageGridSvg({
            title: 'Held-out digits and what the decoder renders from their inferred codes',
            description: `Top row: ten digits the network never saw. Bottom row: the decoder's rendering of each digit's mean code. Mean squared error per pixel over all 797 held-out digits: ${result.error.toFixed(4)}, against ${result.baseline.toFixed(4)} for the average training digit.`,
            width: 8,
            rows: [
              originalRow,
              { label: `through ${values.latent} code units`, images: result.rebuilt.map((pixels) => ({ pixels })) },
            ],
          }),
          elboCurveSvg('DC-IGN', history),
        ],
      };
    } finally {
      progress.finish();
      tf.dispose([trainImages, testImages, shownImages]);
      model.dispose();
    }
  },
});
