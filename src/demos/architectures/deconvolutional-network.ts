import * as tf from '@tensorflow/tfjs';
import { loadDigits } from '../../network/datasets/digits';
import { useFastConvolutionGradients, useWasmConvolutionGradients } from '../../network/kernels/conv2d-backprop-filter';
import dn, { classMeans, generate, oneHot, trainGenerator } from '../../zoo/deconvolutional-network';
import { imageGridSvg } from '../image-grid';
import { plotSvg } from '../plot';
import { defineDemo } from '../types';
import params from './deconvolutional-network.params';

const CLASSES = 10;
const BLEND_STEPS = 7;

/** The page's own network: the definition's demo configuration (no parameter changes it). */
const networkAt = () => dn.configs.demo!;

/**
 * The DN definition at demo size (one-hot code of 10 → 2×2×8 map → 4×4×8 → 8×8 image), trained to
 * paint each digit from its class code. For a one-hot code the squared error over all 1,797 digits
 * is smallest at each class's average image, so it trains on the ten averages directly: the same
 * optimum, a hundred times less work; what it paints is shown as it learns. Then it paints blends
 * of two codes the training never showed.
 */
export default defineDemo({
  params,
  living: { architecture: dn, config: networkAt },
  // WebAssembly, with our Conv2DBackpropFilter kernel for it (tfjs-backend-wasm 4.22 has none;
  // src/network/kernels/conv2d-backprop-filter.ts), the same pixel error to 4 decimals (0.0034).
  backend: 'wasm',
  stages: [{ key: 'train:epochs', label: 'Training the projection and the transposed-convolution kernels', unit: 'epochs', errorLabel: 'pixel error', weight: 1 }],
  async run(values, progress) {
    const { images, labels } = loadDigits();
    const means = classMeans(images, labels, CLASSES);
    const codes = oneHot(Array.from({ length: CLASSES }, (_, c) => c), CLASSES);
    const model = dn.build(networkAt());
    try {
      // The living diagram follows the generator's real input: the one-hot code of the digit the blend starts from.
      progress.watch(model, tf.tensor2d(codes[values.blendFrom]!, [1, CLASSES]));
      const report = progress.within('train');
      const sofar: number[] = [];
      const lossPlot = (title: string) =>
        plotSvg({
          title,
          description: `The squared pixel error falls from ${sofar[0]!.toFixed(4)} to ${sofar.at(-1)!.toFixed(4)} over ${sofar.length} epochs.`,
          x: { label: 'epoch' },
          y: { label: 'mean squared pixel error', scale: 'log' },
          series: [{ label: 'pixel error', mark: 'line', points: sofar.map((l, i) => [i + 1, l]) }],
        });
      const paintedGrid = (title: string, painted: readonly Float32Array[], description: string) =>
        imageGridSvg({
          title,
          description,
          width: 8,
          rows: [
            { images: means.map((pixels, c) => ({ pixels, caption: `avg ${c}` })) },
            { images: painted.map((pixels, c) => ({ pixels, caption: `code ${c}` })) },
          ],
        });
      useFastConvolutionGradients();
      useWasmConvolutionGradients();
      await trainGenerator(model, codes, means, {
        epochs: values.epochs,
        learningRate: values.learningRate,
        batchSize: CLASSES,
        onEpoch: (epoch, loss) => {
          sofar.push(loss);
          report({ phase: 'epochs', done: epoch, total: values.epochs, error: loss });
          progress.show(() => [
            lossPlot(`Deconvolutional network learning: pixel error after epoch ${epoch} of ${values.epochs}`),
            paintedGrid('Each digit’s average image (top row) and what the network paints from its code so far (bottom row)', generate(model, codes), `After ${epoch} epochs.`),
          ]);
        },
      });
      const painted = generate(model, codes);
      const mse = painted.reduce((s, image, c) => s + image.reduce((t, v, p) => t + (v - means[c]![p]!) ** 2, 0), 0) / (CLASSES * 64);
      const blendCodes = Array.from({ length: BLEND_STEPS }, (_, k) => {
        const t = k / (BLEND_STEPS - 1);
        return Float32Array.from({ length: CLASSES }, (_, c) => (c === values.blendFrom ? 1 - t : 0) + (c === values.blendTo ? t : 0));
      });
      const blends = generate(model, blendCodes);
      return {
        metrics: [{ name: 'mse', label: 'Mean squared pixel error against each digit’s average', value: mse }],
        plots: [
          lossPlot('Deconvolutional network: pixel error while training'),
          paintedGrid(
            'Each digit’s average image (top row) and what the network paints from that digit’s one-hot code (bottom row)',
            painted,
            `The painted digits differ from the averages by a mean squared pixel error of ${mse.toFixed(4)}.`,
          ),
          imageGridSvg({
            title: `Painting codes between ${values.blendFrom} and ${values.blendTo}, never seen in training`,
            description: `Seven codes blending one-hot ${values.blendFrom} into one-hot ${values.blendTo}; the network paints each through the same kernels.`,
            width: 8,
            rows: [{ images: blends.map((pixels, k) => ({ pixels, caption: `${Math.round((100 * k) / (BLEND_STEPS - 1))} %` })) }],
          }),
        ],
      };
    } finally {
      progress.finish();
      model.dispose();
    }
  },
});
