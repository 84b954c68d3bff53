import * as tf from '@tensorflow/tfjs';
import { loadDigits } from '../../network/datasets/digits';
import { useWasmConvolutionGradients } from '../../network/kernels/conv2d-backprop-filter';
import resnet, { depthOf, trainTwins, type ResNetConfig, type TwinLosses } from '../../zoo/resnet-50';
import { plotSvg } from '../plot';
import type { ParamValues } from '../params';
import { defineDemo } from '../types';
import params from './resnet-50.params';

/** Digits the networks train on: the first 1,200 of the 1,797. */
export const TRAINING_DIGITS = 1200;
export const BATCH_SIZE = 32;
/** The final loss is the mean over the last steps: one batch's loss is noisy. */
export const FINAL_STEPS = 10;
const CHANCE = Math.log(10);

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Each network's training loss, averaged over the last `FINAL_STEPS` steps (or all, if fewer). */
export const finalLosses = (losses: TwinLosses) => ({ plain: mean(losses.plain.slice(-FINAL_STEPS)), residual: mean(losses.residual.slice(-FINAL_STEPS)) });

function lossPlot(losses: TwinLosses, depth: number, steps: number): string {
  const line = (curve: readonly number[]) => curve.map((loss, s) => [s + 1, loss] as const);
  const { plain, residual } = finalLosses(losses);
  const done = losses.plain.length;
  return plotSvg({
    title: `Training loss of two ${depth}-layer networks on 8×8 digits: plain, and residual (with shortcuts)`,
    description:
      `${done < steps ? `After ${done} of ${steps} steps` : `After ${steps} steps`}, the mean loss over the last ${Math.min(FINAL_STEPS, done)} steps is ` +
      `${plain.toFixed(2)} for the plain network and ${residual.toFixed(2)} for the residual one. Guessing among 10 digits costs ${CHANCE.toFixed(2)}.`,
    x: { label: 'training step (32 digits each)' },
    y: { label: 'training loss (cross-entropy)', floor: 0 },
    series: [
      { label: 'plain network', mark: 'dashed', points: line(losses.plain) },
      { label: 'residual network', mark: 'line', points: line(losses.residual) },
      { label: 'chance (ln 10)', mark: 'thin', points: [[1, CHANCE], [Math.max(steps, 2), CHANCE]] },
    ],
  });
}

/** The page's own network at the reader's settings: the residual one (its plain twin is this without the shortcuts). */
const networkAt = (values: ParamValues<typeof params>): ResNetConfig => ({ ...resnet.configs.demo!, blocks: [values.blocks], skips: true });

/**
 * Two networks from the one definition at demo size, identical but for the shortcuts: the plain
 * twin and the residual network, same layers, same starting weights, same batches, same optimiser.
 * They train in turn, step by step, and their loss curves are drawn as they grow.
 */
export default defineDemo({
  params,
  living: { architecture: resnet, config: networkAt },
  // WebAssembly, with our Conv2DBackpropFilter kernel for it (tfjs-backend-wasm 4.22 has none; it runs
  // in JavaScript on the backend's memory, src/network/kernels/conv2d-backprop-filter.ts). At the
  // defaults, in Node on this 2-core machine, 1.5 s of CPU time against 4.6 s on the CPU backend
  // (3.3 s with our faster CPU kernels for broadcasting and reductions); the figures differ a little
  // (plain 2.04 against 2.10, residual 1.76 against 1.77), so the article quotes WebAssembly's and
  // tests/zoo/resnet-50.test.ts measures them on WebAssembly.
  backend: 'wasm',
  stages: [{ key: 'twins:steps', label: 'Training the plain and the residual network, a step each in turn', unit: 'steps', errorLabel: 'residual network’s loss', weight: 1 }],
  async run(values, progress) {
    const { images, labels } = loadDigits();
    const config = networkAt(values);
    const depth = depthOf(config);
    const report = progress.within('twins');
    useWasmConvolutionGradients();
    const twins = { plain: resnet.build({ ...config, skips: false }), residual: resnet.build(config) };
    let losses: TwinLosses;
    try {
      // The living diagram shows the page's own network, the residual one, on the first digit neither network trains on.
      progress.watch(twins.residual, tf.tensor(images[TRAINING_DIGITS]!, [1, ...config.input]));
      losses = await trainTwins(twins, images.slice(0, TRAINING_DIGITS), labels.slice(0, TRAINING_DIGITS), {
        steps: values.steps,
        batchSize: BATCH_SIZE,
        learningRate: values.learningRate,
        onStep: (sofar) => {
          const done = sofar.plain.length;
          report({ phase: 'steps', done, total: values.steps, error: sofar.residual.at(-1)! });
          if (done < values.steps) progress.show(() => [lossPlot(sofar, depth, values.steps)]);
        },
      });
    } finally {
      progress.finish();
      twins.plain.dispose();
      twins.residual.dispose();
    }
    const { plain, residual } = finalLosses(losses);
    return {
      metrics: [
        { name: 'plain-loss', label: `Final loss, plain (mean of last ${FINAL_STEPS} steps)`, value: plain },
        { name: 'residual-loss', label: `Final loss, residual (mean of last ${FINAL_STEPS} steps)`, value: residual },
      ],
      plots: [lossPlot(losses, depth, values.steps)],
    };
  },
});
