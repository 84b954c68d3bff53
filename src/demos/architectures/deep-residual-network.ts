import * as tf from '@tensorflow/tfjs';
import { twoSpirals } from '../../network/datasets';
import drn, { trainClassifier } from '../../zoo/deep-residual-network';
import { plotSvg } from '../plot';
import type { ParamValues } from '../params';
import { defineDemo } from '../types';
import params from './deep-residual-network.params';

const NAMES = ['plain', 'residual'] as const;
type Name = (typeof NAMES)[number];

/** The page's own network at the reader's settings: the residual one (its plain twin is this without the skips). */
const networkAt = (values: ParamValues<typeof params>) => ({ ...drn.configs.demo!, width: values.width, blocks: (values.depth - 2) / 2, skips: true });

/**
 * Two networks from the one definition, identical but for the identity skips: the same depth,
 * width, seed (so the same starting weights), data and optimiser. Both learn to tell two spirals
 * apart, side by side (a step of each in turn), their training losses plotted together as they fall.
 */
export default defineDemo({
  params,
  living: { architecture: drn, config: networkAt },
  // WebAssembly: 2.3 s against 3.6 s on the CPU backend (median of 3 runs each, Chromium, 2-core
  // machine, bench/demo-backends.ts), residual accuracy 0.995 on both; final loss 0.030 vs 0.025.
  backend: 'wasm',
  stages: [{ key: 'both:epochs', label: 'Training the plain and the residual network, a step each in turn', unit: 'epochs', errorLabel: 'residual network’s loss', weight: 1 }],
  async run(values, progress) {
    const { inputs, labels } = twoSpirals({ count: 200, noise: 0.1, seed: 1 });
    const config = networkAt(values);
    const sofar: Record<Name, number[]> = { plain: [], residual: [] };
    const line = (loss: readonly number[]) => loss.map((l, e) => [e + 1, l] as const);
    const lossPlot = (title: string, description: string) =>
      plotSvg({
        title,
        description,
        x: { label: 'epoch' },
        y: { label: 'training loss (cross-entropy)' },
        series: [
          { label: 'plain network', mark: 'dashed', points: line(sofar.plain) },
          { label: 'residual network', mark: 'line', points: line(sofar.residual) },
        ],
      });
    const title = `Training loss of two ${values.depth}-layer networks on two spirals: plain, and with identity skips`;
    const report = progress.within('both');
    const models = NAMES.map((name) => drn.build({ ...config, skips: name === 'residual' }));
    try {
      // The living diagram shows the page's own network, the residual one, on the first point of the spirals it learns.
      progress.watch(models[1]!, tf.tensor([inputs[0]!], [1, ...drn.shapes(config).input]));
      const [plain, residual] = await Promise.all(
        NAMES.map((name, n) =>
          trainClassifier(models[n]!, inputs, labels, {
            epochs: values.epochs,
            learningRate: values.learningRate,
            onProgress: (p) => {
              sofar[name].push(p.error!);
              if (name !== 'residual') return;
              report(p);
              progress.show(() => [
                lossPlot(
                  `${title}, after ${p.done} of ${p.total} epochs`,
                  `So far the plain network's loss is ${sofar.plain.at(-1)?.toFixed(3)}, the residual network's ${sofar.residual.at(-1)!.toFixed(3)}. A loss of 0.693 is chance.`,
                ),
              ]);
            },
          }),
        ),
      );
      return {
        metrics: [
          { name: 'plain-loss', label: 'Final loss, plain', value: plain!.loss.at(-1)! },
          { name: 'residual-loss', label: 'Final loss, residual', value: residual!.loss.at(-1)! },
          { name: 'plain-accuracy', label: 'Accuracy, plain', value: plain!.accuracy, kind: 'fraction' },
          { name: 'residual-accuracy', label: 'Accuracy, residual', value: residual!.accuracy, kind: 'fraction' },
        ],
        plots: [
          lossPlot(
            title,
            `After ${values.epochs} epochs the plain network's loss is ${plain!.loss.at(-1)!.toFixed(3)} (accuracy ${(100 * plain!.accuracy).toFixed(0)} %), ` +
              `the residual network's ${residual!.loss.at(-1)!.toFixed(3)} (accuracy ${(100 * residual!.accuracy).toFixed(0)} %). A loss of 0.693 is chance.`,
          ),
        ],
      };
    } finally {
      progress.finish();
      for (const model of models) model.dispose();
    }
  },
});
