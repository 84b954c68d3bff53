import * as tf from '@tensorflow/tfjs';
import { imageTensor, meanSquaredError } from '../../network/autoencoder';
import { digitSplit, oneOfEach } from '../../network/datasets/digits';
import sae, { codeActivations, codeActivity, trainSparseAutoencoder } from '../../zoo/sparse-autoencoder';
import { batchLoss } from '../batch-loss';
import { digitTraining } from '../digit-training';
import { imageGridSvg } from '../image-grid';
import { plotSvg } from '../plot';
import { defineDemo } from '../types';
import params from './sparse-autoencoder.params';

/** Features shown: the input weights of this many code cells. */
const FEATURES = 20;

/** The network at its demo size: no parameter changes it (they set the penalties it trains with, and for how long). */
const networkAt = () => sae.configs.demo!;

/**
 * The sparse autoencoder (64 pixels → 100 code cells → 64) trained with the reader's penalty and
 * weight decay: the code's activity on held-out digits, on average and per digit, the code of a few
 * of them drawn as 10×10 grids of activity, and what some code cells respond to.
 */
export default defineDemo({
  params,
  living: { architecture: sae, config: networkAt },
  // WebAssembly: 1.5 s against 4.0 s on the CPU backend (median of 2 runs each, Chromium,
  // 2-core machine at load 9, bench/demo-backends.ts), every metric the same to 3 decimals (mean activity
  // 0.056, 10.44 cells above 0.1, held-out error 0.043).
  backend: 'wasm',
  stages: [{ key: 'fit:train', label: 'Training on 1000 digits', unit: 'batches', errorLabel: 'loss', weight: 1 }],
  async run(values, progress) {
    const model = sae.build(networkAt());
    const { train, test, testLabels } = digitSplit();
    const trainImages = imageTensor(train);
    const testImages = imageTensor(test);
    const shown = oneOfEach(testLabels, test.map((_, i) => i)).slice(0, 5);
    const shownImages = tf.gather(testImages, shown);
    const digits = shownImages.arraySync();
    const digitRow = { label: 'digit (8×8)', images: digits.map((digit) => ({ pixels: padTo10(digit) })) };
    const codesNow = () => tf.tidy(() => codeActivations(model, shownImages).arraySync());
    const curve = batchLoss({ model: 'Sparse autoencoder', epochs: values.epochs, yLabel: 'loss (squared error + penalties)', digits: 3 });
    // Live: the codes of five held-out digits as they thin out, and the loss of every batch.
    const live = () => [
      imageGridSvg({
        title: `Five held-out digits and their codes after ${curve.points.at(-1)![0].toFixed(1)} epochs: the 100 code cells drawn as a 10 by 10 grid of activity`,
        description: `The code of each digit so far, with sparsity weight ${values.weight} and target rate ${values.target}.`,
        width: 10,
        rows: [digitRow, { label: 'its code (10×10)', images: codesNow().map((pixels) => ({ pixels })) }],
        key: { label: 'pixel value, code cell activity' },
      }),
      curve.svg(),
    ];
    try {
      progress.watch(model, testImages.slice([0], [1]));
      const history = await trainSparseAutoencoder(model, trainImages, {
        ...digitTraining({ epochs: values.epochs, learningRate: 0.03 }, progress, curve, live),
        sparsity: { target: values.target, weight: values.weight },
        weightDecay: values.weightDecay,
      });
      progress.finish();
      const activity = codeActivity(model, testImages);
      const [weak, firing] = activity.perInput.map((p) => p.cells) as [number, number];
      const error = tf.tidy(() => meanSquaredError(testImages, model.predict(testImages) as tf.Tensor).dataSync()[0]!);
      const codes = codesNow();
      const features = tf.tidy(() => {
        // Column j of the code layer's kernel: the pixel pattern that drives code cell j.
        return (model.getLayer('code').getWeights()[0] as tf.Tensor2D).slice([0, 0], [-1, FEATURES]).transpose().arraySync() as number[][];
      });
      return {
        metrics: [
          { name: 'mean-activation', label: 'Mean code activity on held-out digits (0 to 1)', value: activity.mean },
          { name: 'cells-above-tenth', label: 'Code cells above 0.1 per held-out digit (of 100)', value: weak },
          { name: 'cells-above-half', label: 'Code cells above 0.5 per held-out digit (of 100)', value: firing },
          { name: 'mse', label: 'Reconstruction error on held-out digits (mean squared, per pixel)', value: error },
        ],
        plots: [
          imageGridSvg({
            title: 'Five held-out digits and their codes: the 100 code cells drawn as a 10 by 10 grid of activity',
            description:
              `Mean code activity ${activity.mean.toFixed(3)} with sparsity weight ${values.weight}, target rate ${values.target} and weight decay ${values.weightDecay}. ` +
              `Per digit, on average ${weak.toFixed(1)} of the 100 code cells are above 0.1 and ${firing.toFixed(1)} above 0.5.`,
            width: 10,
            rows: [
              digitRow,
              { label: 'its code (10×10)', images: codes.map((pixels) => ({ pixels })) },
            ],
            key: { label: 'pixel value, code cell activity' },
          }),
          imageGridSvg({
            title: `What ${FEATURES} of the code cells respond to: their input weights as 8 by 8 images`,
            description: 'Each image is the weight from every pixel to one code cell, scaled from its most negative (blank) to its most positive (full ink) weight.',
            width: 8,
            scale: 'per-image',
            rows: [
              { label: 'features 1–10', images: features.slice(0, 10).map((pixels) => ({ pixels })) },
              { label: 'features 11–20', images: features.slice(10, 20).map((pixels) => ({ pixels })) },
            ],
            key: { low: 'most negative', high: 'most positive', label: 'weight into the cell' },
          }),
          plotSvg({
            title: 'Sparse autoencoder training: loss per epoch',
            description: `Reconstruction error plus weight decay plus sparsity penalty falls from ${history[0]!.toFixed(3)} to ${history.at(-1)!.toFixed(3)}.`,
            x: { label: 'epoch' },
            y: { label: 'loss (squared error + penalties)' },
            series: [{ label: 'training loss', mark: 'line', points: history.map((v, i) => [i + 1, v]) }],
          }),
        ],
      };
    } finally {
      tf.dispose([trainImages, testImages, shownImages]);
      model.dispose();
    }
  },
});

/** An 8×8 digit centred in a blank 10×10 image, so digits and codes share one grid. */
function padTo10(digit: readonly number[]): number[] {
  return Array.from({ length: 100 }, (_, p) => {
    const [row, column] = [Math.floor(p / 10) - 1, (p % 10) - 1];
    return row >= 0 && row < 8 && column >= 0 && column < 8 ? digit[row * 8 + column]! : 0;
  });
}
