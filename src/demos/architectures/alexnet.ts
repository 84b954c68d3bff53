import * as tf from '@tensorflow/tfjs';
import { loadDigits } from '../../network/datasets/digits';
import { trainImageClassifier } from '../../network/imagenet-convnet';
import alexnet, { type AlexNetConfig } from '../../zoo/alexnet';
import { plotSvg } from '../plot';
import { defineDemo } from '../types';
import params from './alexnet.params';

const ACTIVATIONS = ['relu', 'tanh'] as const;
type Activation = (typeof ACTIVATIONS)[number];
const NAMES: Record<Activation, string> = { relu: 'ReLU', tanh: 'tanh' };
const BATCH = 20;

/** The first epoch after which `errors` is at or below `target` (1-based), or undefined if none is. */
export const epochsToReach = (errors: readonly number[], target: number): number | undefined => {
  const index = errors.findIndex((e) => e <= target);
  return index < 0 ? undefined : index + 1;
};

/** The page's own network: the demo configuration with ReLUs (its tanh twin differs only in the activation). */
const networkAt = (): AlexNetConfig => ({ ...alexnet.configs.demo!, activation: 'relu' });

/**
 * The paper's Figure 1 at digit size: the AlexNet definition's demo configuration (two convolutions,
 * the second in two groups, one dense layer, softmax) trained twice, with ReLUs and with tanh, from
 * the same seeded weights, on the same digits, with the same SGD, a mini-batch of each in turn so
 * both curves grow together. Reports after how many epochs each first gets the training error down
 * to the target; while they learn, each mini-batch's loss is drawn, and each epoch's training error.
 */
export default defineDemo({
  params,
  living: { architecture: alexnet, config: networkAt },
  // WebAssembly (GroupedConv2D computes its kernel gradient as a forward convolution, so it trains
  // there): bench/demo-backends.ts at the defaults, headless Chromium on this 2-core machine, median
  // 4.0 s on the CPU backend and 0.7 s on WebAssembly. The ReLU network learns identically on both;
  // WebAssembly's tanh differs from JavaScript's in the last bits, and the tanh network ends at
  // 17.5 % training error instead of 14.0 % (still 5 epochs to 25 %): the article quotes WebAssembly's
  // figures, and tests/content/alexnet-zfnet-figures.test.ts measures them there.
  backend: 'wasm',
  stages: [{ key: 'both:batches', label: 'Training the ReLU and the tanh network, a mini-batch each in turn', unit: 'mini-batches', errorLabel: 'ReLU network’s loss', weight: 1 }],
  async run(values, progress) {
    const { images, labels } = loadDigits();
    const train = { images: images.slice(0, values.trainImages), labels: labels.slice(0, values.trainImages) };
    const curves: Record<Activation, number[]> = { relu: [], tanh: [] };
    const losses: Record<Activation, (readonly [number, number])[]> = { relu: [], tanh: [] };
    const drawn = () => ACTIVATIONS.filter((a) => curves[a].length);
    const errorPlot = (title: string) =>
      plotSvg({
        title,
        description: drawn()
          .map((a) => `${NAMES[a]}: training error ${curves[a].map((e) => `${(100 * e).toFixed(1)} %`).join(', ')} after epochs 1 to ${curves[a].length}.`)
          .join(' '),
        x: { label: 'epoch' },
        y: { label: 'training error (share misclassified)' },
        series: [
          ...drawn().map((a) => ({
            label: `${NAMES[a]} network`,
            mark: a === 'relu' ? ('line' as const) : ('dashed' as const),
            points: curves[a].map((e, i) => [i + 1, e] as const),
          })),
          { label: `target, ${(100 * values.target).toFixed(0)} %`, mark: 'thin' as const, points: [[1, values.target], [values.epochs, values.target]] as const },
        ],
      });
    const lossPlot = (title: string) =>
      plotSvg({
        title,
        description: ACTIVATIONS.filter((a) => losses[a].length)
          .map((a) => `${NAMES[a]}: loss ${losses[a].at(-1)![1].toFixed(3)} on its last mini-batch, at epoch ${losses[a].at(-1)![0].toFixed(1)}.`)
          .join(' '),
        x: { label: 'epoch' },
        y: { label: 'mini-batch loss (cross-entropy)', floor: 0 },
        series: ACTIVATIONS.filter((a) => losses[a].length).map((a) => ({ label: `${NAMES[a]} network`, mark: a === 'relu' ? ('line' as const) : ('dashed' as const), points: losses[a] })),
      });
    const report = progress.within('both');
    const config = networkAt();
    const models = ACTIVATIONS.map((activation) => alexnet.build({ ...config, activation }));
    try {
      // The living diagram shows the page's own network, the ReLU AlexNet, on the first digit neither network trains on.
      progress.watch(models[0]!, tf.tensor(images[values.trainImages]!, [1, ...alexnet.shapes(config).input]));
      await Promise.all(
        ACTIVATIONS.map((activation, n) =>
          trainImageClassifier(models[n]!, train.images, train.labels, {
            epochs: values.epochs,
            learningRate: values.learningRate,
            momentum: 0.9,
            batchSize: BATCH,
            onBatch: (epoch, batch, batches, loss) => {
              losses[activation].push([epoch - 1 + batch / batches, loss]);
              if (activation === 'tanh') return;
              report({ phase: 'batches', done: (epoch - 1) * batches + batch, total: values.epochs * batches, error: loss });
              progress.show(() => [lossPlot(`Loss of each mini-batch so far, epoch ${epoch} of ${values.epochs}`), errorPlot('Training error after each epoch so far')]);
            },
            onEpoch: (_, error) => void curves[activation].push(error),
          }),
        ),
      );
    } finally {
      progress.finish();
      for (const model of models) model.dispose();
    }
    const reached = ACTIVATIONS.map((a) => [a, epochsToReach(curves[a], values.target)] as const);
    return {
      metrics: [
        ...reached.flatMap(([a, epochs]) =>
          epochs === undefined ? [] : [{ name: `${a}-epochs`, label: `Epochs to ${(100 * values.target).toFixed(0)} % training error, ${NAMES[a]}`, value: epochs, kind: 'count' as const }],
        ),
        ...ACTIVATIONS.map((a) => ({ name: `${a}-error`, label: `Training error after ${values.epochs} epochs, ${NAMES[a]}`, value: curves[a].at(-1)!, kind: 'fraction' as const })),
      ],
      plots: [
        errorPlot(
          `Training error of the same small AlexNet with ReLUs and with tanh units: ${reached
            .map(([a, epochs]) => `${NAMES[a]} ${epochs === undefined ? `never reaches ${(100 * values.target).toFixed(0)} %` : `reaches ${(100 * values.target).toFixed(0)} % after ${epochs} epoch${epochs === 1 ? '' : 's'}`}`)
            .join(', ')}`,
        ),
        lossPlot('Loss of each mini-batch while the two networks learn'),
      ],
    };
  },
});
