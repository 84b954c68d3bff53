import { loadDigits } from '../../network/datasets/digits';
import { imageAccuracy, trainImageClassifier } from '../../network/training/image-classifier';
import vgg, { stageKernelWeights, type VggConfig } from '../../zoo/vgg-16';
import { plotSvg } from '../plot';
import { defineDemo } from '../types';
import params from './vgg-16.params';

/** The last 597 digits are never trained on: the test set. */
const TEST_FROM = 1200;

/** The two networks compared: VGG's two 3×3 convolutions per stage, or one 5×5 convolution seeing as far. */
export const VARIANTS = [
  { key: 'stacked', label: 'two 3×3 convolutions per stage', stages: [2, 2], kernel: 3 },
  { key: 'single', label: 'one 5×5 convolution per stage', stages: [1, 1], kernel: 5 },
] as const;

/** Kernel weights (no biases) of every convolution of a config. */
export const convolutionWeights = (config: VggConfig): number =>
  config.stages.reduce((sum, convolutions, s) => sum + stageKernelWeights(s === 0 ? config.input[2]! : config.filters[s - 1]!, config.filters[s]!, convolutions, config.kernel), 0);

/**
 * Two networks from the VGG-16 definition at demo size, identical but for how each stage sees a
 * 5×5 patch: VGG's two stacked 3×3 convolutions (a ReLU between them), or one 5×5 convolution.
 * Same widths, dense head, seed, digits, optimiser and epochs; their training losses are plotted as
 * they learn, and each is scored on the 597 held-out digits.
 */
export default defineDemo({
  params,
  // Stays on the CPU backend: tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter kernel, so training
  // a convolution fails there.
  stages: VARIANTS.map((v) => ({ key: `${v.key}:epochs`, label: `Training the network with ${v.label}`, unit: 'epochs', errorLabel: 'training loss', weight: v.stages[0] })),
  async run(values, progress) {
    const { images, labels } = loadDigits();
    const train = { images: images.slice(0, values.trainImages), labels: labels.slice(0, values.trainImages) };
    const test = { images: images.slice(TEST_FROM), labels: labels.slice(TEST_FROM) };
    const curves: Record<string, [number, number][]> = {};
    const results: { key: string; label: string; params: number; kernelWeights: number; accuracy: number }[] = [];
    const lossPlot = (title: string) =>
      plotSvg({
        title,
        description: VARIANTS.filter((v) => curves[v.key]?.length).map((v) => `${v.label}: training loss ${curves[v.key]!.at(-1)![1].toFixed(3)} after epoch ${curves[v.key]!.length}`).join('; ') + '.',
        x: { label: 'epoch' },
        y: { label: 'training loss (cross-entropy)' },
        series: VARIANTS.filter((v) => curves[v.key]?.length).map((v, i) => ({ label: v.label, mark: i === 0 ? ('line' as const) : ('dashed' as const), points: curves[v.key]! })),
      });
    for (const variant of VARIANTS) {
      const config: VggConfig = { ...vgg.configs.demo!, stages: [...variant.stages], kernel: variant.kernel, filters: [values.filters, 2 * values.filters] };
      const model = vgg.build(config);
      try {
        const report = progress.within(variant.key);
        curves[variant.key] = [];
        await trainImageClassifier(model, train, config.classes, {
          epochs: values.epochs,
          learningRate: values.learningRate,
          batchSize: 50,
          onEpoch: (epoch, loss) => {
            curves[variant.key]!.push([epoch, loss]);
            report({ phase: 'epochs', done: epoch, total: values.epochs, error: loss });
            progress.show([lossPlot(`Training loss so far: epoch ${epoch} of ${values.epochs}, ${variant.label}`)]);
          },
        });
        results.push({ key: variant.key, label: variant.label, params: model.countParams(), kernelWeights: convolutionWeights(config), accuracy: imageAccuracy(model, test) });
      } finally {
        model.dispose();
      }
    }
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
          `Training loss after each epoch: ${VARIANTS[0].label} (${stacked.params} parameters, ${(100 * stacked.accuracy).toFixed(1)} % of unseen digits right) ` +
            `against ${VARIANTS[1].label} (${single.params} parameters, ${(100 * single.accuracy).toFixed(1)} %)`,
        ),
      ],
    };
  },
});
