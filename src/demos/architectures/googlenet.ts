import { loadDigits } from '../../network/datasets/digits';
import { imageAccuracy, trainImageClassifier } from '../../network/training/image-classifier';
import googlenet from '../../zoo/googlenet';
import vgg from '../../zoo/vgg-16';
import { plotSvg } from '../plot';
import { defineDemo } from '../types';
import params from './googlenet.params';

/** The last 597 digits are never trained on: the test set. */
const TEST_FROM = 1200;

/** The two networks compared, each its own definition's demo configuration. */
const NETWORKS = [
  { key: 'googlenet', label: 'GoogLeNet (two inception modules)', build: () => googlenet.build(googlenet.configs.demo!) },
  { key: 'vgg', label: 'VGG (two stages of two 3×3 convolutions)', build: () => vgg.build(vgg.configs.demo!) },
] as const;

/**
 * A scaled-down GoogLeNet (a 3×3 convolution and a 3×3/2 max-pool, inception module 3a, another
 * max-pool, module 4a, average pooling over the whole map, dropout, softmax) and the VGG-16 definition's demo network, trained
 * one after the other on the same digits with the same optimiser, learning rate and epochs. Their
 * training losses are plotted as they learn; each is scored on the 597 held-out digits, and its
 * parameters counted.
 */
export default defineDemo({
  params,
  // Stays on the CPU backend: tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter kernel, so training
  // a convolution fails there.
  stages: NETWORKS.map((n) => ({ key: `${n.key}:epochs`, label: `Training ${n.label}`, unit: 'epochs', errorLabel: 'training loss', weight: 1 })),
  async run(values, progress) {
    const { images, labels } = loadDigits();
    const train = { images: images.slice(0, values.trainImages), labels: labels.slice(0, values.trainImages) };
    const test = { images: images.slice(TEST_FROM), labels: labels.slice(TEST_FROM) };
    const curves: Record<string, [number, number][]> = {};
    const results: { label: string; params: number; accuracy: number }[] = [];
    const lossPlot = (title: string) => {
      const drawn = NETWORKS.filter((n) => curves[n.key]?.length);
      return plotSvg({
        title,
        description: drawn.map((n) => `${n.label}: training loss ${curves[n.key]!.at(-1)![1].toFixed(3)} after epoch ${curves[n.key]!.length}`).join('; ') + '.',
        x: { label: 'epoch' },
        y: { label: 'training loss (cross-entropy)' },
        series: drawn.map((n) => ({ label: n.label, mark: n.key === 'googlenet' ? ('line' as const) : ('dashed' as const), points: curves[n.key]! })),
      });
    };
    for (const network of NETWORKS) {
      const model = network.build();
      try {
        const report = progress.within(network.key);
        curves[network.key] = [];
        await trainImageClassifier(model, train, 10, {
          epochs: values.epochs,
          learningRate: values.learningRate,
          batchSize: 50,
          onEpoch: (epoch, loss) => {
            curves[network.key]!.push([epoch, loss]);
            report({ phase: 'epochs', done: epoch, total: values.epochs, error: loss });
            progress.show([lossPlot(`Training loss so far: epoch ${epoch} of ${values.epochs}, ${network.label}`)]);
          },
        });
        results.push({ label: network.label, params: model.countParams(), accuracy: imageAccuracy(model, test) });
      } finally {
        model.dispose();
      }
    }
    const [inception, plain] = results as [(typeof results)[0], (typeof results)[0]];
    const describe = (r: (typeof results)[0]) => `${r.label}: ${r.params} parameters, ${(100 * r.accuracy).toFixed(1)} % of unseen digits right`;
    return {
      metrics: [
        { name: 'googlenet-accuracy', label: 'Accuracy on 597 unseen digits, GoogLeNet', value: inception.accuracy, kind: 'fraction' },
        { name: 'vgg-accuracy', label: 'Accuracy on 597 unseen digits, VGG', value: plain.accuracy, kind: 'fraction' },
        { name: 'googlenet-params', label: 'Parameters, GoogLeNet', value: inception.params, kind: 'count' },
        { name: 'vgg-params', label: 'Parameters, VGG', value: plain.params, kind: 'count' },
      ],
      plots: [lossPlot(`Training loss after each epoch. ${describe(inception)}; ${describe(plain)}`)],
    };
  },
});
