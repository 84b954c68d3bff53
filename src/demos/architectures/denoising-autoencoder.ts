import * as tf from '@tensorflow/tfjs';
import { imageTensor, meanSquaredError } from '../../network/autoencoder';
import { digitSplit, oneOfEach } from '../../network/datasets/digits';
import dae, { addNoise, denoisingError, trainDenoisingAutoencoder } from '../../zoo/denoising-autoencoder';
import { batchLoss } from '../batch-loss';
import { digitTraining } from '../digit-training';
import { imageGridSvg } from '../image-grid';
import type { ParamValues } from '../params';
import { plotSvg } from '../plot';
import { defineDemo } from '../types';
import params from './denoising-autoencoder.params';

/** The network at the reader's settings: the noise it is trained with is part of it (the epochs are how long it trains). */
const networkAt = (values: ParamValues<typeof params>) => ({ ...dae.configs.demo!, noise: values.noise });

/**
 * The denoising autoencoder trained at the reader's noise level on 1000 digits, then handed
 * held-out digits with noise of the same level: how far is its output from the clean digit,
 * compared with the noisy digit itself?
 */
export default defineDemo({
  params,
  living: { architecture: dae, config: networkAt },
  // WebAssembly: 1.2 s against 2.5 s on the CPU backend (median of 2 runs each, Chromium,
  // 2-core machine at load 9, bench/demo-backends.ts), errors 0.034 and 0.091 on both.
  backend: 'wasm',
  stages: [{ key: 'fit:train', label: 'Training on 1000 noisy digits', unit: 'batches', errorLabel: 'error against the clean digits', weight: 1 }],
  async run(values, progress) {
    const model = dae.build(networkAt(values));
    const { train, test, testLabels } = digitSplit();
    const trainImages = imageTensor(train);
    const clean = imageTensor(test);
    const noisy = addNoise(clean, values.noise, 2024);
    const shown = oneOfEach(testLabels, test.map((_, i) => i)).slice(0, 8);
    const pick = (images: tf.Tensor2D) => tf.tidy(() => tf.gather(images, shown).arraySync());
    const shownNoisy = tf.gather(noisy, shown);
    const cleanRow = { label: 'clean', images: pick(clean).map((pixels) => ({ pixels })) };
    const noisyRow = { label: `noise ${values.noise}`, images: pick(noisy).map((pixels) => ({ pixels })) };
    const denoise = () => tf.tidy(() => (model.predict(shownNoisy) as tf.Tensor2D).arraySync());
    const noiseBand = (to: number) => ({ label: 'noise alone (σ²)', mark: 'band' as const, points: [[0, values.noise ** 2], [to, values.noise ** 2]] as const });
    const curve = batchLoss({ model: 'Denoising autoencoder', epochs: values.epochs, yLabel: 'training error (MSE per pixel)', digits: 4 });
    // Live: eight held-out noisy digits as the network cleans them now, and the loss of every batch.
    const live = () => [
      imageGridSvg({
        title: `Held-out digits: clean, with noise added, and cleaned by the network after ${curve.points.at(-1)![0].toFixed(1)} epochs`,
        description: `The network's output for eight held-out digits with noise of standard deviation ${values.noise}, so far.`,
        width: 8,
        rows: [cleanRow, noisyRow, { label: 'cleaned', images: denoise().map((pixels) => ({ pixels })) }],
      }),
      curve.svg([noiseBand(curve.points.at(-1)![0])]),
    ];
    try {
      progress.watch(model, clean.slice([0], [1]));
      const history = await trainDenoisingAutoencoder(model, trainImages, digitTraining({ epochs: values.epochs, learningRate: 0.01 }, progress, curve, live));
      progress.finish();
      const cleaned = denoisingError(model, noisy, clean);
      const left = tf.tidy(() => meanSquaredError(clean, noisy).dataSync()[0]!);
      const output = denoise();
      return {
        metrics: [
          { name: 'mse', label: 'Error of the cleaned digits against the clean ones (mean squared, per pixel)', value: cleaned },
          { name: 'noisy-mse', label: 'Error of the noisy digits themselves', value: left },
        ],
        plots: [
          imageGridSvg({
            title: 'Held-out digits: clean, with noise added, and cleaned by the denoising autoencoder',
            description: `With noise of standard deviation ${values.noise}, the noisy digits are ${left.toFixed(4)} from the clean ones (mean squared error per pixel over 797 held-out digits); the network's output is ${cleaned.toFixed(4)} from them.`,
            width: 8,
            rows: [cleanRow, noisyRow, { label: 'cleaned', images: output.map((pixels) => ({ pixels })) }],
          }),
          plotSvg({
            title: 'Denoising autoencoder training: error against the clean digits per epoch',
            description: `The error of the reconstructions of freshly corrupted training digits falls from ${history[0]!.toFixed(4)} to ${history.at(-1)!.toFixed(4)}; the noise alone costs ${(values.noise ** 2).toFixed(4)}.`,
            x: { label: 'epoch' },
            y: { label: 'training error (MSE per pixel)' },
            series: [
              { label: 'noise alone (σ²)', mark: 'band', points: [[1, values.noise ** 2], [values.epochs, values.noise ** 2]] },
              { label: 'reconstruction of noisy digits', mark: 'line', points: history.map((v, i) => [i + 1, v]) },
            ],
          }),
        ],
      };
    } finally {
      tf.dispose([trainImages, clean, noisy, shownNoisy]);
      model.dispose();
    }
  },
});
