import * as tf from '@tensorflow/tfjs';
import { loadDigits, oneOfEach } from '../../network/datasets/digits';
import lenet, { BACKGROUND, FOREGROUND, digitAccuracy, enlargeDigit, featureMaps, predictDigits, trainLeNet } from '../../zoo/lenet-5';
import { imageGridSvg } from '../image-grid';
import { accuracyCurvePlot, batchLossPlot, type AccuracyPoint } from '../training-curves';
import { defineDemo } from '../types';
import params from './lenet-5.params';

/** The last 597 digits are never trained on: the test set. */
export const TEST_FROM = 1200;
const SHOWN_TEST_DIGITS = 10;
const BATCH = 10;
const SIDE = 32;
/** Held-out digits scored between two pictures (the scoring of one epoch takes several). */
const SCORING_SLICE = 150;

/** A LeNet-5 input (paper levels −0.1…1.175) back on the 0…1 ink scale. */
const ink = (image: Float32Array) => Array.from(image, (v) => (v - BACKGROUND) / (FOREGROUND - BACKGROUND));

/** The page's own network: the definition's demo configuration (no parameter changes it). */
const networkAt = () => lenet.configs.demo!;

/**
 * LeNet-5 at the paper's own size (32×32 input, 60,000 trained parameters), on the 8×8 digits
 * enlarged 3× by bilinear interpolation and centred in a 32×32 field. Trained with Adam on the
 * paper's MAP criterion over the output units' distances, and scored after every epoch on the
 * held-out digits (the class of smallest distance is the answer). Shows the feature maps of C1 and
 * C3 for a test digit the reader picks.
 */
export default defineDemo({
  params,
  living: { architecture: lenet, config: networkAt },
  // The defaults (300 digits × 3 epochs), bench/demo-backends.ts in headless Chromium on this 2-core
  // machine: median 6.9 s on the CPU backend, 1.2 s on WebAssembly, both at accuracy 0.843 (every
  // loss identical to 3 decimals in Node). The convolutions compute their kernel gradient as a forward convolution
  // (src/network/layers/connection-table-conv2d.ts), so the missing Conv2DBackpropFilter kernel
  // does not stop it.
  backend: 'wasm',
  stages: [{ key: 'train:batches', label: 'Training C1 to F6 by backpropagation', unit: 'mini-batches', errorLabel: 'MAP criterion', weight: 1 }],
  async run(values, progress) {
    const digits = loadDigits();
    const images = digits.images.map((image) => enlargeDigit(image, SIDE));
    const train = { images: images.slice(0, values.trainImages), labels: digits.labels.slice(0, values.trainImages) };
    const test = { images: images.slice(TEST_FROM), labels: digits.labels.slice(TEST_FROM) };
    // The digit to look inside: the first unseen one of the reader's choice, which the living diagram follows too.
    const picked = oneOfEach(test.labels, test.labels.map((_, i) => i))[values.digit]!;
    const config = networkAt();
    const model = lenet.build(config);
    try {
      progress.watch(model, tf.tensor(test.images[picked]!, [1, ...lenet.shapes(config).input]));
      const report = progress.within('train');
      const curve: AccuracyPoint[] = [];
      const losses: (readonly [number, number])[] = [];
      const accuracyPlot = (title: string) =>
        accuracyCurvePlot(
          title,
          `After ${curve.length} of ${values.epochs} epochs LeNet-5 classifies ${(100 * curve.at(-1)!.test).toFixed(1)} % of the 597 unseen digits correctly` +
            (curve.at(-1)!.train === undefined ? '.' : ` (${(100 * curve.at(-1)!.train!).toFixed(1)} % of its ${values.trainImages} training digits).`),
          curve,
        );
      const lossPlot = (title: string) => batchLossPlot(title, 'MAP criterion', BATCH, losses);
      const batchesPerEpoch = Math.ceil(train.images.length / BATCH);
      await trainLeNet(model, train.images, train.labels, {
        epochs: values.epochs,
        learningRate: values.learningRate,
        batchSize: BATCH,
        onBatch: (epoch, batch, batches, loss) => {
          losses.push([epoch - 1 + batch / batches, loss]);
          report({ phase: 'batches', done: (epoch - 1) * batches + batch, total: values.epochs * batches, error: loss });
          progress.show(() => [
            lossPlot(`LeNet-5 learning: the criterion of each mini-batch so far, epoch ${epoch} of ${values.epochs}`),
            ...(curve.length ? [accuracyPlot('Accuracy after each finished epoch')] : []),
          ]);
        },
        onEpoch: (epoch, loss) => {
          // Held-out accuracy a few times (once an epoch), scored a slice at a time so the reader
          // watches the epoch's point settle; the training digits only at the end.
          let right = 0;
          for (let from = 0; from < test.images.length; from += SCORING_SLICE) {
            const to = Math.min(test.images.length, from + SCORING_SLICE);
            right += predictDigits(model, test.images.slice(from, to)).filter((p, k) => p === test.labels[from + k]).length;
            const point = { epoch, test: right / to };
            report({ phase: 'batches', done: epoch * batchesPerEpoch, total: values.epochs * batchesPerEpoch, error: loss });
            progress.show(() => [
              lossPlot(`LeNet-5 learning: the criterion of each mini-batch, epoch ${epoch} of ${values.epochs}`),
              accuracyCurvePlot(`Scoring epoch ${epoch} on the unseen digits: ${to} of ${test.images.length} so far`, `${right} of the first ${to} unseen digits are right after epoch ${epoch}.`, [...curve, point]),
            ]);
          }
          curve.push({ epoch, test: right / test.images.length });
        },
      });
      curve.push({ ...curve.pop()!, train: digitAccuracy(model, train.images, train.labels) });
      const testAccuracy = curve.at(-1)!.test;
      const image = test.images[picked]!;
      const [answer] = predictDigits(model, [image]);
      const c1 = featureMaps(model, image, 'c1_squash');
      const c3 = featureMaps(model, image, 'c3_squash');
      const shown = test.images.slice(0, SHOWN_TEST_DIGITS);
      const answers = predictDigits(model, shown);
      return {
        metrics: [
          { name: 'accuracy', label: 'Accuracy on 597 unseen digits', value: testAccuracy, kind: 'fraction' },
          { name: 'parameters', label: 'Trained parameters', value: trainedParameters(model), kind: 'count' },
        ],
        plots: [
          accuracyPlot('LeNet-5: accuracy after each epoch on unseen test digits, and on the training digits at the end'),
          lossPlot('LeNet-5: the MAP criterion of each training mini-batch'),
          imageGridSvg({
            title: `Inside LeNet-5: an unseen ${values.digit} and the feature maps it raises in C1 and C3`,
            description: `The 32×32 input (answered ${answer}), its 6 feature maps of 28×28 in C1 and its 16 maps of 10×10 in C3, each after the squashing function, each stretched from its lowest to its highest value.`,
            width: SIDE,
            pixel: 2,
            scale: 'per-image',
            rows: [
              { label: 'input', images: [{ pixels: ink(image), caption: `${values.digit} → ${answer}` }] },
              { label: 'C1', images: c1.map((pixels, m) => ({ pixels: padTo(pixels, 28, SIDE), caption: `map ${m}` })) },
            ],
            key: { low: 'lowest', high: 'highest', label: 'value in its map' },
          }),
          imageGridSvg({
            title: `The 16 C3 feature maps of the same ${values.digit}`,
            description: 'Maps 0–5 read three neighbouring S2 maps, 6–11 four neighbouring ones, 12–14 four others, and map 15 all six (Table I of the paper).',
            width: 10,
            pixel: 5,
            scale: 'per-image',
            rows: [
              { images: c3.slice(0, 8).map((pixels, m) => ({ pixels, caption: `${m}` })) },
              { images: c3.slice(8).map((pixels, m) => ({ pixels, caption: `${m + 8}` })) },
            ],
          }),
          imageGridSvg({
            title: 'Unseen test digits, as LeNet-5 sees them, with the label and its answer',
            description: `${answers.filter((a, i) => a === test.labels[i]).length} of these ${SHOWN_TEST_DIGITS} test digits are classified correctly.`,
            width: SIDE,
            pixel: 1,
            rows: [{ images: shown.map((pixels, i) => ({ pixels: ink(pixels), caption: `${test.labels[i]} → ${answers[i]}` })) }],
          }),
        ],
      };
    } finally {
      progress.finish();
      model.dispose();
    }
  },
});

/** Entries of the weights training changes: the paper's 60,000 (the output codes are fixed). */
const trainedParameters = (model: { trainableWeights: { shape: (number | null)[] }[] }) =>
  model.trainableWeights.reduce((sum, w) => sum + w.shape.reduce<number>((n, d) => n * (d ?? 1), 1), 0);

/** A side×side map centred in a field of `field`×`field` at its lowest value, so it lines up with the input. */
function padTo(pixels: Float32Array, side: number, field: number): number[] {
  const low = Math.min(...pixels);
  const margin = (field - side) / 2;
  return Array.from({ length: field * field }, (_, p) => {
    const [r, c] = [Math.floor(p / field) - margin, (p % field) - margin];
    return r >= 0 && r < side && c >= 0 && c < side ? pixels[r * side + c]! : low;
  });
}
