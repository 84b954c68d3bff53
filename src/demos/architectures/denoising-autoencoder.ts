import * as tf from '@tensorflow/tfjs';
import { imageTensor, meanSquaredError } from '../../network/autoencoder';
import { digitSplit, oneOfEach } from '../../network/datasets/digits';
import dae, { addNoise, denoisingError, trainDenoisingAutoencoder } from '../../zoo/denoising-autoencoder';
import { imageGridSvg } from '../image-grid';
import { plotSvg } from '../plot';
import { defineDemo } from '../types';
import params from './denoising-autoencoder.params';

/**
 * The denoising autoencoder trained at the reader's noise level on 1000 digits, then handed
 * held-out digits with noise of the same level: how far is its output from the clean digit,
 * compared with the noisy digit itself?
 */
export default defineDemo({
  params,
  stages: [{ key: 'fit:train', label: 'Training on 1000 noisy digits', unit: 'epochs', errorLabel: 'error against the clean digits', weight: 1 }],
  async run(values, progress) {
    const model = dae.build({ ...dae.configs.demo!, noise: values.noise });
    const { train, test, testLabels } = digitSplit();
    const trainImages = imageTensor(train);
    const clean = imageTensor(test);
    const noisy = addNoise(clean, values.noise, 2024);
    try {
      const history = await trainDenoisingAutoencoder(model, trainImages, { epochs: values.epochs, batchSize: 100, learningRate: 0.01, seed: 7, onProgress: progress.within('fit') });
      const cleaned = denoisingError(model, noisy, clean);
      const left = tf.tidy(() => meanSquaredError(clean, noisy).dataSync()[0]!);
      const shown = oneOfEach(testLabels, test.map((_, i) => i)).slice(0, 8);
      const pick = (images: tf.Tensor2D) => tf.tidy(() => tf.gather(images, shown).arraySync());
      const output = tf.tidy(() => (model.predict(tf.gather(noisy, shown)) as tf.Tensor2D).arraySync());
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
            rows: [
              { label: 'clean', images: pick(clean).map((pixels) => ({ pixels })) },
              { label: `noise ${values.noise}`, images: pick(noisy).map((pixels) => ({ pixels })) },
              { label: 'cleaned', images: output.map((pixels) => ({ pixels })) },
            ],
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
      tf.dispose([trainImages, clean, noisy]);
      model.dispose();
    }
  },
});
