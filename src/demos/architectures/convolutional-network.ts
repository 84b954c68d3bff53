import * as tf from '@tensorflow/tfjs';
import { loadDigits } from '../../network/datasets/digits';
import cnn, { accuracy, kernels, predictClasses, trainClassifier } from '../../zoo/convolutional-network';
import { imageGridSvg } from '../image-grid';
import { accuracyCurvePlot, batchLossPlot, type AccuracyPoint } from '../training-curves';
import type { ParamValues } from '../params';
import { defineDemo } from '../types';
import params from './convolutional-network.params';

/** The last 597 digits are never trained on: the test set. */
const TEST_FROM = 1200;
const SHOWN_TEST_DIGITS = 12;
const BATCH = 50;

/** The network at the reader's settings: the demo configuration with their number of kernels. */
const networkAt = (values: ParamValues<typeof params>) => ({ ...cnn.configs.demo!, filters: values.filters });

/**
 * The CNN definition at demo size (8×8 digits, 3×3 kernels, 2×2 max pooling, 10-way softmax), trained
 * with Adam on the first digits, the loss of every mini-batch drawn as it learns, and scored on the
 * held-out ones after every epoch. Shows the learned
 * kernels and a few test digits with the network's answers.
 */
export default defineDemo({
  params,
  living: { architecture: cnn, config: networkAt },
  // WebAssembly, with our Conv2DBackpropFilter kernel for it (tfjs-backend-wasm 4.22 has none;
  // src/network/kernels/conv2d-backprop-filter.ts). At the defaults, in Node on this 2-core machine:
  // 0.46 s of CPU time against 0.74 s on the CPU backend with our faster gradient kernels (2.0 s
  // without them), the same accuracy, 0.873.
  backend: 'wasm',
  stages: [{ key: 'train:batches', label: 'Training the kernels and the dense head', unit: 'mini-batches', errorLabel: 'training loss', weight: 1 }],
  async run(values, progress) {
    const { images, labels } = loadDigits();
    const train = { images: images.slice(0, values.trainImages), labels: labels.slice(0, values.trainImages) };
    const test = { images: images.slice(TEST_FROM), labels: labels.slice(TEST_FROM) };
    const config = networkAt(values);
    const model = cnn.build(config);
    try {
      // The living diagram follows the first held-out digit (the first the results show).
      progress.watch(model, tf.tensor(test.images[0]!, [1, ...cnn.shapes(config).input]));
      const report = progress.within('train');
      const curve: AccuracyPoint[] = [];
      const losses: (readonly [number, number])[] = [];
      const lossPlot = (title: string) => batchLossPlot(title, 'loss (cross-entropy)', BATCH, losses);
      await trainClassifier(model, train.images, train.labels, config.classes, {
        epochs: values.epochs,
        learningRate: values.learningRate,
        batchSize: BATCH,
        onBatch: (epoch, batch, batches, loss) => {
          losses.push([epoch - 1 + batch / batches, loss]);
          report({ phase: 'batches', done: (epoch - 1) * batches + batch, total: values.epochs * batches, error: loss });
          progress.show(() => [
            lossPlot(`Convolutional network learning: the loss of each mini-batch so far, epoch ${epoch} of ${values.epochs}`),
            ...(curve.length ? [accuracyCurvePlot('Accuracy after each finished epoch', `After epoch ${curve.length}: ${(100 * curve.at(-1)!.test).toFixed(1)} % of the unseen digits right.`, curve)] : []),
          ]);
        },
        onEpoch: (epoch) => {
          curve.push({ epoch, train: accuracy(model, train.images, train.labels), test: accuracy(model, test.images, test.labels) });
        },
      });
      const testAccuracy = curve.at(-1)!.test;
      const shown = test.images.slice(0, SHOWN_TEST_DIGITS);
      const answers = predictClasses(model, shown);
      const weights = config.filters * config.kernel * config.kernel;
      return {
        metrics: [{ name: 'accuracy', label: 'Accuracy on 597 unseen digits', value: testAccuracy, kind: 'fraction' }],
        plots: [
          accuracyCurvePlot(
            'Convolutional network: accuracy after each epoch on the training digits and on unseen test digits',
            `After ${values.epochs} epochs the network classifies ${(100 * testAccuracy).toFixed(1)} % of the 597 unseen digits correctly, with ${weights} kernel weights shared across every position.`,
            curve,
          ),
          lossPlot('Convolutional network: the loss of each training mini-batch'),
          imageGridSvg({
            title: 'The learned 3×3 kernels, inked most where the weight is largest',
            description: `${config.filters} kernels of 9 weights each; every one is applied at all 36 positions of the 8×8 digit.`,
            width: config.kernel,
            pixel: 16,
            scale: 'per-image',
            rows: [{ images: kernels(model).map((taps, k) => ({ pixels: taps, caption: `kernel ${k + 1}` })) }],
            key: { low: 'lowest', high: 'highest', label: 'weight in its kernel' },
          }),
          imageGridSvg({
            title: 'Unseen test digits with the label and the network’s answer',
            description: `${answers.filter((a, i) => a === test.labels[i]).length} of these ${SHOWN_TEST_DIGITS} test digits are classified correctly.`,
            width: 8,
            rows: [{ images: shown.map((pixels, i) => ({ pixels, caption: `${test.labels[i]} → ${answers[i]}` })) }],
          }),
        ],
      };
    } finally {
      progress.finish();
      model.dispose();
    }
  },
});
