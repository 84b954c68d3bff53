import * as tf from '@tensorflow/tfjs';
import { loadDigits } from '../../network/datasets/digits';
import { classificationError, imageBatch, trainImageClassifier } from '../../network/imagenet-convnet';
import zfnet, { type ZFNetConfig, DEMO_SIDE, FIRST_LAYER_ALEXNET, deadFirstLayerFilters, enlarge, firstLayerKernels, shiftRight } from '../../zoo/zfnet';
import { imageGridSvg } from '../image-grid';
import { plotSvg } from '../plot';
import type { ParamValues } from '../params';
import { defineDemo } from '../types';
import params from './zfnet.params';

/** The last 597 digits are never trained on: the test set. */
const TEST_FROM = 1200;
const FIRST_LAYERS = ['alexnet', 'zfnet'] as const;
type FirstLayer = (typeof FIRST_LAYERS)[number];
const NAMES: Record<FirstLayer, string> = { alexnet: 'AlexNet’s first layer (9×9, stride 4)', zfnet: 'ZFNet’s first layer (5×5, stride 2)' };
const SHORT: Record<FirstLayer, string> = { alexnet: 'AlexNet-style', zfnet: 'ZFNet-style' };

interface Outcome {
  readonly errors: number[];
  readonly testAccuracy: number;
  /** Share of test digits whose answer changes when the digit moves one pixel to the right. */
  readonly shiftFlips: number;
  readonly dead: number;
  readonly kernels: number[][];
}

/** The page's own network at the reader's settings: ZFNet's own first layer (the AlexNet-style twin swaps it for `FIRST_LAYER_ALEXNET`). */
const networkAt = (values: ParamValues<typeof params>): ZFNetConfig => ({ ...zfnet.configs.demo!, seed: values.seed });

/**
 * The change Zeiler and Fergus made to AlexNet's first layer, at digit size: the ZFNet definition's
 * demo configuration (one convolution, pooling, a dense layer, softmax) with its first layer as
 * ZFNet has it and as AlexNet had it, trained from the same seed on the same enlarged digits, side by
 * side (a mini-batch of each in turn, the loss of every mini-batch drawn as they learn). Shows
 * both sets of learned first-layer filters, and measures test accuracy, how often a one-pixel shift
 * changes the answer (what a coarse stride makes worse) and how many filters never respond.
 */
export default defineDemo({
  params,
  living: { architecture: zfnet, config: networkAt },
  // WebAssembly: GroupedConv2D computes its kernel gradient as a forward convolution, so it trains
  // there (tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter). bench/demo-backends.ts, defaults,
  // headless Chromium on this 2-core machine: median 3.6 s on the CPU backend, 0.7 s on WebAssembly,
  // every metric identical to 3 decimals.
  backend: 'wasm',
  stages: [{ key: 'both:batches', label: 'Training with each first layer, a mini-batch each in turn', unit: 'mini-batches', errorLabel: 'ZFNet-style network’s loss', weight: 1 }],
  async run(values, progress) {
    const { images, labels } = loadDigits();
    const big = images.map((image) => enlarge(image, 8, DEMO_SIDE / 8));
    const train = { images: big.slice(0, values.trainImages), labels: labels.slice(0, values.trainImages) };
    const testLabels = labels.slice(TEST_FROM);
    const test = imageBatch(big.slice(TEST_FROM), DEMO_SIDE);
    const shifted = imageBatch(big.slice(TEST_FROM).map((image) => shiftRight(image, DEMO_SIDE)), DEMO_SIDE);
    const trainBatch = imageBatch(train.images, DEMO_SIDE);
    const outcomes: Partial<Record<FirstLayer, Outcome>> = {};
    const curves: Record<FirstLayer, number[]> = { alexnet: [], zfnet: [] };
    const losses: Record<FirstLayer, (readonly [number, number])[]> = { alexnet: [], zfnet: [] };
    const mark = (f: FirstLayer) => (f === 'zfnet' ? ('line' as const) : ('dashed' as const));
    const curvePlot = (title: string) =>
      plotSvg({
        title,
        description: FIRST_LAYERS.filter((f) => curves[f].length)
          .map((f) => `${SHORT[f]}: training error ${curves[f].map((e) => `${(100 * e).toFixed(1)} %`).join(', ')} after epochs 1 to ${curves[f].length}.`)
          .join(' '),
        x: { label: 'epoch' },
        y: { label: 'training error (share misclassified)' },
        series: FIRST_LAYERS.filter((f) => curves[f].length).map((f) => ({ label: SHORT[f], mark: mark(f), points: curves[f].map((e, i) => [i + 1, e] as const) })),
      });
    const lossPlot = (title: string) =>
      plotSvg({
        title,
        description: FIRST_LAYERS.filter((f) => losses[f].length)
          .map((f) => `${SHORT[f]}: loss ${losses[f].at(-1)![1].toFixed(3)} on its mini-batch at epoch ${losses[f].at(-1)![0].toFixed(1)}.`)
          .join(' '),
        x: { label: 'epoch' },
        y: { label: 'mini-batch loss (cross-entropy)', floor: 0 },
        series: FIRST_LAYERS.filter((f) => losses[f].length).map((f) => ({ label: SHORT[f], mark: mark(f), points: losses[f] })),
      });
    const own = networkAt(values);
    const models = FIRST_LAYERS.map((first) => zfnet.build(first === 'zfnet' ? own : { ...own, convolutions: [FIRST_LAYER_ALEXNET, ...own.convolutions.slice(1)] }));
    const report = progress.within('both');
    try {
      // The living diagram shows the page's own network, ZFNet’s own first layer, on the first held-out digit (enlarged).
      progress.watch(models[1]!, test.slice([0], [1]));
      await Promise.all(
        FIRST_LAYERS.map((first, n) =>
          trainImageClassifier(models[n]!, train.images, train.labels, {
            epochs: values.epochs,
            learningRate: values.learningRate,
            momentum: 0.9,
            batchSize: 20,
            onBatch: (epoch, batch, batches, loss) => {
              losses[first].push([epoch - 1 + batch / batches, loss]);
              if (first !== 'zfnet') return;
              report({ phase: 'batches', done: (epoch - 1) * batches + batch, total: values.epochs * batches, error: loss });
              progress.show(() => [lossPlot(`Loss of each mini-batch so far, epoch ${epoch} of ${values.epochs}`), ...(curves.zfnet.length ? [curvePlot('Training error after each epoch so far')] : [])]);
            },
            onEpoch: (_, error) => void curves[first].push(error),
          }),
        ),
      );
      FIRST_LAYERS.forEach((first, n) => {
        const model = models[n]!;
        const [plain, moved] = tf.tidy(() => [test, shifted].map((x) => (model.predict(x) as tf.Tensor2D).argMax(1).dataSync()));
        outcomes[first] = {
          errors: curves[first],
          testAccuracy: 1 - classificationError(model, test, testLabels),
          shiftFlips: plain!.filter((p, i) => p !== moved![i]).length / testLabels.length,
          dead: deadFirstLayerFilters(model, trainBatch),
          kernels: firstLayerKernels(model),
        };
      });
    } finally {
      progress.finish();
      for (const model of models) model.dispose();
      tf.dispose([test, shifted, trainBatch]);
    }
    const [a, z] = [outcomes.alexnet!, outcomes.zfnet!];
    const percent = (v: number) => `${(100 * v).toFixed(1)} %`;
    const filterGrid = (first: FirstLayer, side: number) =>
      imageGridSvg({
        title: `The 16 learned first-layer filters with ${NAMES[first]}, inked most where the weight is largest`,
        description: `${side}×${side} kernels, each stretched from its lowest weight to its highest; ${outcomes[first]!.dead} of 16 never respond to a training digit.`,
        width: side,
        pixel: first === 'alexnet' ? 4 : 7,
        scale: 'per-image',
        rows: [0, 1].map((r) => ({ images: outcomes[first]!.kernels.slice(8 * r, 8 * r + 8).map((pixels) => ({ pixels })) })),
        key: { low: 'lowest', high: 'highest', label: 'weight in its filter' },
      });
    return {
      metrics: [
        { name: 'alexnet-accuracy', label: 'Test accuracy, AlexNet-style first layer', value: a.testAccuracy, kind: 'fraction' },
        { name: 'zfnet-accuracy', label: 'Test accuracy, ZFNet-style first layer', value: z.testAccuracy, kind: 'fraction' },
        { name: 'alexnet-shift-flips', label: 'Answers changed by a one-pixel shift, AlexNet-style', value: a.shiftFlips, kind: 'fraction' },
        { name: 'zfnet-shift-flips', label: 'Answers changed by a one-pixel shift, ZFNet-style', value: z.shiftFlips, kind: 'fraction' },
        { name: 'alexnet-dead', label: 'First-layer filters that never respond, AlexNet-style', value: a.dead, kind: 'count' },
        { name: 'zfnet-dead', label: 'First-layer filters that never respond, ZFNet-style', value: z.dead, kind: 'count' },
      ],
      plots: [
        filterGrid('alexnet', FIRST_LAYER_ALEXNET.kernel),
        filterGrid('zfnet', zfnet.configs.demo!.convolutions[0]!.kernel),
        curvePlot(
          `Training error with each first layer: on 597 unseen digits the AlexNet-style network scores ${percent(a.testAccuracy)}, the ZFNet-style one ${percent(z.testAccuracy)}`,
        ),
        lossPlot('Loss of each mini-batch while the two networks learn'),
      ],
    };
  },
});
