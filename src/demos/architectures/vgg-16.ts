import * as tf from '@tensorflow/tfjs';
import { loadDigits } from '../../network/datasets/digits';
import { imageAccuracy, trainImageClassifier } from '../../network/training/image-classifier';
import vgg, { stageKernelWeights, type VggConfig } from '../../zoo/vgg-16';
import { plotSvg } from '../plot';
import type { ParamValues } from '../params';
import { defineDemo } from '../types';
import params from './vgg-16.params';

/** The last 597 digits are never trained on: the test set. */
const TEST_FROM = 1200;
const BATCH = 50;

/** The two networks compared: VGG's two 3×3 convolutions per stage, or one 5×5 convolution seeing as far. */
export const VARIANTS = [
  { key: 'stacked', label: 'two 3×3 convolutions per stage', stages: [2, 2], kernel: 3 },
  { key: 'single', label: 'one 5×5 convolution per stage', stages: [1, 1], kernel: 5 },
] as const;

/** Kernel weights (no biases) of every convolution of a config. */
export const convolutionWeights = (config: VggConfig): number =>
  config.stages.reduce((sum, convolutions, s) => sum + stageKernelWeights(s === 0 ? config.input[2]! : config.filters[s - 1]!, config.filters[s]!, convolutions, config.kernel), 0);

/** A variant's network at the reader's settings; the page's own is the first, VGG's 3×3 pairs. */
const networkAt = (values: ParamValues<typeof params>, variant: (typeof VARIANTS)[number] = VARIANTS[0]): VggConfig => ({
  ...vgg.configs.demo!,
  stages: [...variant.stages],
  kernel: variant.kernel,
  filters: [values.filters, 2 * values.filters],
});

/**
 * Two networks from the VGG-16 definition at demo size, identical but for how each stage sees a
 * 5×5 patch: VGG's two stacked 3×3 convolutions (a ReLU between them), or one 5×5 convolution.
 * Same widths, dense head, seed, digits, optimiser and epochs; they train side by side, a
 * mini-batch of each in turn, the loss of every mini-batch plotted as they learn, and each is
 * scored on the 597 held-out digits.
 */
export default defineDemo({
  params,
  living: { architecture: vgg, config: networkAt },
  // WebAssembly, with our Conv2DBackpropFilter kernel for it (tfjs-backend-wasm 4.22 has none;
  // src/network/kernels/conv2d-backprop-filter.ts). At the defaults, in Node on this 2-core machine:
  // 0.73 s of CPU time against 1.2 s on the CPU backend with our faster gradient kernels, every metric
  // and loss identical to 3 decimals.
  backend: 'wasm',
  stages: [{ key: 'both:batches', label: 'Training both networks, a mini-batch each in turn', unit: 'mini-batches', errorLabel: 'loss of the 3×3 pairs', weight: 1 }],
  async run(values, progress) {
    const { images, labels } = loadDigits();
    const train = { images: images.slice(0, values.trainImages), labels: labels.slice(0, values.trainImages) };
    const test = { images: images.slice(TEST_FROM), labels: labels.slice(TEST_FROM) };
    const curves: Record<string, [number, number][]> = { stacked: [], single: [] };
    const lossPlot = (title: string) =>
      plotSvg({
        title,
        description:
          VARIANTS.filter((v) => curves[v.key]!.length)
            .map((v) => `${v.label}: loss ${curves[v.key]!.at(-1)![1].toFixed(3)} on its mini-batch at epoch ${curves[v.key]!.at(-1)![0].toFixed(1)}`)
            .join('; ') + '.',
        x: { label: 'epoch' },
        y: { label: 'mini-batch loss (cross-entropy)', floor: 0 },
        series: VARIANTS.filter((v) => curves[v.key]!.length).map((v) => ({ label: v.label, mark: v.key === 'stacked' ? ('line' as const) : ('dashed' as const), points: curves[v.key]! })),
      });
    const configs = VARIANTS.map((variant) => networkAt(values, variant));
    const models = configs.map((config) => vgg.build(config));
    const report = progress.within('both');
    try {
      // The living diagram shows the page's own network, two 3×3 convolutions per stage, on the first held-out digit.
      progress.watch(models[0]!, tf.tensor(test.images[0]!, [1, ...vgg.shapes(configs[0]!).input]));
      await Promise.all(
        VARIANTS.map((variant, n) =>
          trainImageClassifier(models[n]!, train, configs[n]!.classes, {
            epochs: values.epochs,
            learningRate: values.learningRate,
            batchSize: BATCH,
            onBatch: (epoch, batch, batches, loss) => {
              curves[variant.key]!.push([epoch - 1 + batch / batches, loss]);
              if (variant.key !== 'stacked') return;
              report({ phase: 'batches', done: (epoch - 1) * batches + batch, total: values.epochs * batches, error: loss });
              progress.show(() => [lossPlot(`Loss of each mini-batch so far: epoch ${epoch} of ${values.epochs}`)]);
            },
          }),
        ),
      );
      const results = VARIANTS.map((variant, n) => ({ key: variant.key, label: variant.label, params: models[n]!.countParams(), kernelWeights: convolutionWeights(configs[n]!), accuracy: imageAccuracy(models[n]!, test) }));
      const [stacked, single] = results as [(typeof results)[0], (typeof results)[0]];
      return {
        metrics: [
          { name: 'stacked-accuracy', label: 'Accuracy on 597 unseen digits, 3×3 pairs', value: stacked.accuracy, kind: 'fraction' },
          { name: 'single-accuracy', label: 'Accuracy on 597 unseen digits, single 5×5', value: single.accuracy, kind: 'fraction' },
          { name: 'stacked-params', label: 'Parameters, 3×3 pairs', value: stacked.params, kind: 'count' },
          { name: 'single-params', label: 'Parameters, single 5×5', value: single.params, kind: 'count' },
        ],
        plots: [
          lossPlot(
            `Loss of each mini-batch while they learn: ${VARIANTS[0].label} (${stacked.params} parameters, ${(100 * stacked.accuracy).toFixed(1)} % of unseen digits right) ` +
              `against ${VARIANTS[1].label} (${single.params} parameters, ${(100 * single.accuracy).toFixed(1)} %)`,
          ),
        ],
      };
    } finally {
      progress.finish();
      for (const model of models) model.dispose();
    }
  },
});
