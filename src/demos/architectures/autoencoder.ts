import * as tf from '@tensorflow/tfjs';
import { imageTensor } from '../../network/autoencoder';
import { digitSplit, oneOfEach } from '../../network/datasets/digits';
import autoencoder, { reconstructionError, trainAutoencoder } from '../../zoo/autoencoder';
import { batchLoss } from '../batch-loss';
import { digitTraining } from '../digit-training';
import { imageGridSvg } from '../image-grid';
import type { ParamValues } from '../params';
import { plotSvg } from '../plot';
import { defineDemo } from '../types';
import params from './autoencoder.params';

/** The network at the reader's settings: the code's width shapes it (the epochs are how long it trains). */
const networkAt = (values: ParamValues<typeof params>) => ({ ...autoencoder.configs.demo!, code: values.code });

/**
 * The autoencoder definition at the reader's code size, trained on 1000 of the 8×8 digits; it then
 * reconstructs held-out digits it never saw, one of each class, next to the originals.
 */
export default defineDemo({
  params,
  living: { architecture: autoencoder, config: networkAt },
  // WebAssembly: 1.0 s against 2.4 s on the CPU backend (median of 2 runs each, Chromium,
  // 2-core machine at load 9, bench/demo-backends.ts), held-out error 0.024 on both.
  backend: 'wasm',
  stages: [{ key: 'fit:train', label: 'Training on 1000 digits', unit: 'batches', errorLabel: 'reconstruction error', weight: 1 }],
  async run(values, progress) {
    const model = autoencoder.build(networkAt(values));
    const { train, test, testLabels } = digitSplit();
    const trainImages = imageTensor(train);
    const testImages = imageTensor(test);
    const shown = oneOfEach(testLabels, test.map((_, i) => i)).map((i) => test[i]!);
    const shownImages = imageTensor(shown);
    const rebuild = () => tf.tidy(() => (model.predict(shownImages) as tf.Tensor2D).arraySync());
    const curve = batchLoss({ model: 'Autoencoder', epochs: values.epochs, yLabel: 'training error (MSE per pixel)', digits: 4 });
    // Live: the ten held-out digits as the network rebuilds them now, and the loss of every batch.
    const live = () => [
      imageGridSvg({
        title: `Held-out digits and the autoencoder’s reconstructions after ${curve.points.at(-1)![0].toFixed(1)} epochs`,
        description: `Top row: ten digits the network never saw. Bottom row: what comes out of ${values.code} code cells so far.`,
        width: 8,
        rows: [
          { label: 'original', images: shown.map((pixels) => ({ pixels })) },
          { label: `through ${values.code} cells`, images: rebuild().map((pixels) => ({ pixels })) },
        ],
      }),
      curve.svg(),
    ];
    try {
      progress.watch(model, testImages.slice([0], [1]));
      const history = await trainAutoencoder(model, trainImages, digitTraining({ epochs: values.epochs, learningRate: 0.01 }, progress, curve, live));
      progress.finish();
      const error = reconstructionError(model, testImages);
      const rebuilt = rebuild();
      return {
        metrics: [{ name: 'mse', label: 'Reconstruction error on held-out digits (mean squared, per pixel)', value: error }],
        plots: [
          imageGridSvg({
            title: 'Held-out digits and the autoencoder’s reconstructions',
            description: `Top row: ten digits the network never saw. Bottom row: what comes out after squeezing each through ${values.code} code cells (mean squared error ${error.toFixed(4)} per pixel over all 797 held-out digits).`,
            width: 8,
            rows: [
              { label: 'original', images: shown.map((pixels) => ({ pixels })) },
              { label: `through ${values.code} cells`, images: rebuilt.map((pixels) => ({ pixels })) },
            ],
          }),
          plotSvg({
            title: 'Autoencoder training: reconstruction error per epoch',
            description: `The mean squared error on the training digits falls from ${history[0]!.toFixed(4)} to ${history.at(-1)!.toFixed(4)} over ${values.epochs} epochs.`,
            x: { label: 'epoch' },
            y: { label: 'training error (MSE per pixel)' },
            series: [{ label: 'training error', mark: 'line', points: history.map((v, i) => [i + 1, v]) }],
          }),
        ],
      };
    } finally {
      tf.dispose([trainImages, testImages, shownImages]);
      model.dispose();
    }
  },
});
