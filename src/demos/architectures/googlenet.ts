import * as tf from '@tensorflow/tfjs';
import { loadDigits } from '../../network/datasets/digits';
import { imageAccuracy, trainImageClassifier } from '../../network/training/image-classifier';
import googlenet from '../../zoo/googlenet';
import vgg from '../../zoo/vgg-16';
import { plotSvg } from '../plot';
import { defineDemo } from '../types';
import params from './googlenet.params';

/** The last 597 digits are never trained on: the test set. */
const TEST_FROM = 1200;
const BATCH = 50;

/** The page's own network: the GoogLeNet definition's demo configuration (no parameter changes it). */
const networkAt = () => googlenet.configs.demo!;

/** The two networks compared, each its own definition's demo configuration. */
const NETWORKS = [
  { key: 'googlenet', label: 'GoogLeNet (two inception modules)', build: () => googlenet.build(networkAt()) },
  { key: 'vgg', label: 'VGG (two stages of two 3×3 convolutions)', build: () => vgg.build(vgg.configs.demo!) },
] as const;

/**
 * A scaled-down GoogLeNet (a 3×3 convolution and a 3×3/2 max-pool, inception module 3a, another
 * max-pool, module 4a, average pooling over the whole map, dropout, softmax) and the VGG-16 definition's demo network, trained
 * side by side, a mini-batch of each in turn, on the same digits with the same optimiser, learning
 * rate and epochs. The loss of every mini-batch is plotted as they learn; each is scored on the 597
 * held-out digits, and its parameters counted.
 */
export default defineDemo({
  params,
  living: { architecture: googlenet, config: networkAt },
  // WebAssembly, with our Conv2DBackpropFilter kernel for it (tfjs-backend-wasm 4.22 has none;
  // src/network/kernels/conv2d-backprop-filter.ts). At the defaults, in Node on this 2-core machine:
  // 0.84 s of CPU time against 1.9 s on the CPU backend (itself with our faster gradient kernels,
  // 9.7 s wall before them), every metric and loss identical to 3 decimals.
  backend: 'wasm',
  stages: [{ key: 'both:batches', label: 'Training GoogLeNet and VGG, a mini-batch each in turn', unit: 'mini-batches', errorLabel: 'GoogLeNet’s loss', weight: 1 }],
  async run(values, progress) {
    const { images, labels } = loadDigits();
    const train = { images: images.slice(0, values.trainImages), labels: labels.slice(0, values.trainImages) };
    const test = { images: images.slice(TEST_FROM), labels: labels.slice(TEST_FROM) };
    const curves: Record<string, [number, number][]> = { googlenet: [], vgg: [] };
    const lossPlot = (title: string) => {
      const drawn = NETWORKS.filter((n) => curves[n.key]!.length);
      return plotSvg({
        title,
        description: drawn.map((n) => `${n.label}: loss ${curves[n.key]!.at(-1)![1].toFixed(3)} on its mini-batch at epoch ${curves[n.key]!.at(-1)![0].toFixed(1)}`).join('; ') + '.',
        x: { label: 'epoch' },
        y: { label: 'mini-batch loss (cross-entropy)', floor: 0 },
        series: drawn.map((n) => ({ label: n.label, mark: n.key === 'googlenet' ? ('line' as const) : ('dashed' as const), points: curves[n.key]! })),
      });
    };
    const report = progress.within('both');
    const models = NETWORKS.map((n) => n.build());
    try {
      // The living diagram shows the page's own network, GoogLeNet, on the first held-out digit.
      progress.watch(models[0]!, tf.tensor(test.images[0]!, [1, ...googlenet.shapes(networkAt()).input]));
      await Promise.all(
        NETWORKS.map((network, n) =>
          trainImageClassifier(models[n]!, train, 10, {
            epochs: values.epochs,
            learningRate: values.learningRate,
            batchSize: BATCH,
            onBatch: (epoch, batch, batches, loss) => {
              curves[network.key]!.push([epoch - 1 + batch / batches, loss]);
              if (network.key !== 'googlenet') return;
              report({ phase: 'batches', done: (epoch - 1) * batches + batch, total: values.epochs * batches, error: loss });
              progress.show(() => [lossPlot(`Loss of each mini-batch so far: epoch ${epoch} of ${values.epochs}`)]);
            },
          }),
        ),
      );
      const results = NETWORKS.map((network, n) => ({ label: network.label, params: models[n]!.countParams(), accuracy: imageAccuracy(models[n]!, test) }));
      const [inception, plain] = results as [(typeof results)[0], (typeof results)[0]];
      const describe = (r: (typeof results)[0]) => `${r.label}: ${r.params} parameters, ${(100 * r.accuracy).toFixed(1)} % of unseen digits right`;
      return {
        metrics: [
          { name: 'googlenet-accuracy', label: 'Accuracy on 597 unseen digits, GoogLeNet', value: inception.accuracy, kind: 'fraction' },
          { name: 'vgg-accuracy', label: 'Accuracy on 597 unseen digits, VGG', value: plain.accuracy, kind: 'fraction' },
          { name: 'googlenet-params', label: 'Parameters, GoogLeNet', value: inception.params, kind: 'count' },
          { name: 'vgg-params', label: 'Parameters, VGG', value: plain.params, kind: 'count' },
        ],
        plots: [lossPlot(`Loss of each mini-batch while they learn. ${describe(inception)}; ${describe(plain)}`)],
      };
    } finally {
      progress.finish();
      for (const model of models) model.dispose();
    }
  },
});
