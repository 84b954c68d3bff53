import { twoSpirals } from '../../network/datasets';
import drn, { trainClassifier, type TrainingCurve } from '../../zoo/deep-residual-network';
import { plotSvg } from '../plot';
import { defineDemo } from '../types';
import params from './deep-residual-network.params';

/**
 * Two networks from the one definition, identical but for the identity skips: the same depth,
 * width, seed (so the same starting weights), data and optimiser. Both learn to tell two spirals
 * apart, one after the other, and their training losses are plotted together.
 */
export default defineDemo({
  params,
  // WebAssembly: 2.3 s against 3.6 s on the CPU backend (median of 3 runs each, Chromium, 2-core
  // machine, bench/demo-backends.ts), residual accuracy 0.995 on both; final loss 0.030 vs 0.025.
  backend: 'wasm',
  stages: [
    { key: 'plain:epochs', label: 'Training the plain network (no skips)', unit: 'epochs', errorLabel: 'loss', weight: 1 },
    { key: 'residual:epochs', label: 'Training the residual network (identity skips)', unit: 'epochs', errorLabel: 'loss', weight: 1 },
  ],
  async run(values, progress) {
    const { inputs, labels } = twoSpirals({ count: 200, noise: 0.1, seed: 1 });
    const blocks = (values.depth - 2) / 2;
    const curves: Partial<Record<'plain' | 'residual', TrainingCurve>> = {};
    for (const skips of [false, true]) {
      const name = skips ? 'residual' : 'plain';
      const model = drn.build({ ...drn.configs.demo!, width: values.width, blocks, skips });
      try {
        curves[name] = await trainClassifier(model, inputs, labels, { epochs: values.epochs, learningRate: values.learningRate, onProgress: progress.within(name) });
      } finally {
        model.dispose();
      }
    }
    const plain = curves.plain!;
    const residual = curves.residual!;
    const line = (curve: TrainingCurve) => curve.loss.map((loss, e) => [e + 1, loss] as const);
    return {
      metrics: [
        { name: 'plain-loss', label: 'Final loss, plain', value: plain.loss.at(-1)! },
        { name: 'residual-loss', label: 'Final loss, residual', value: residual.loss.at(-1)! },
        { name: 'plain-accuracy', label: 'Accuracy, plain', value: plain.accuracy, kind: 'fraction' },
        { name: 'residual-accuracy', label: 'Accuracy, residual', value: residual.accuracy, kind: 'fraction' },
      ],
      plots: [
        plotSvg({
          title: `Training loss of two ${values.depth}-layer networks on two spirals: plain, and with identity skips`,
          description:
            `After ${values.epochs} epochs the plain network's loss is ${plain.loss.at(-1)!.toFixed(3)} (accuracy ${(100 * plain.accuracy).toFixed(0)} %), ` +
            `the residual network's ${residual.loss.at(-1)!.toFixed(3)} (accuracy ${(100 * residual.accuracy).toFixed(0)} %). A loss of 0.693 is chance.`,
          x: { label: 'epoch' },
          y: { label: 'training loss (cross-entropy)' },
          series: [
            { label: 'plain network', mark: 'dashed', points: line(plain) },
            { label: 'residual network', mark: 'line', points: line(residual) },
          ],
        }),
      ],
    };
  },
});
