import * as tf from '@tensorflow/tfjs';
import { dampedSine, noisySamples } from '../../network/datasets';
import rbf, { placeCentres, predictRows, solveOutputWeights, trainByGradient, weightedBumps } from '../../zoo/radial-basis-network';
import type { ParamValues } from '../params';
import { plotSvg } from '../plot';
import { defineDemo } from '../types';
import params from './radial-basis-network.params';

const GRID = Array.from({ length: 201 }, (_, i) => -4 + (8 * i) / 200);
const LEARNING_RATE = 0.01;
/** The input the living diagram shows the cells at: near the sine's first peak. */
const EXAMPLE_X = 1.2;

/** The network at the reader's settings: its centres and their width shape it (the epochs are how long it tunes). */
const networkAt = (values: ParamValues<typeof params>) => ({ ...rbf.configs.demo!, centres: values.centres, width: values.width });

/**
 * The RBF definition at the reader's settings, on the ELM demo's data (120 noisy samples of a damped
 * sine): centres by k-means, output weights in one least-squares solve, then optionally gradient
 * descent on everything. The first plot takes the fit apart into its bumps, wⱼ φⱼ(x), and shows
 * them adding up (with the bias) to the fit; the second compares the fit with the data.
 */
export default defineDemo({
  params,
  living: { architecture: rbf, config: networkAt },
  stages: [
    { key: 'fit:centres', label: 'Placing the centres on the data (k-means)', unit: 'rounds', weight: 1 },
    { key: 'fit:solve', label: 'Solving for the output weights', unit: 'solver steps', errorLabel: 'relative residual', weight: 1 },
    { key: 'tune:epochs', label: 'Tuning centres, widths and output weights by gradient descent', unit: 'epochs', errorLabel: 'loss', weight: 6 },
  ],
  async run(values, progress) {
    const model = rbf.build(networkAt(values));
    try {
      progress.watch(model, tf.tensor2d([[EXAMPLE_X]]));
      const { xs, ys } = noisySamples(dampedSine, { count: 120, lo: -4, hi: 4, noise: 0.1, seed: 2024 });
      const inputs = xs.map((x) => [x]);
      const targets = ys.map((y) => [y]);
      placeCentres(model, inputs, { onProgress: progress.within('fit') });
      solveOutputWeights(model, inputs, targets, { onProgress: progress.within('fit') });
      if (values.epochs > 0) await trainByGradient(model, inputs, targets, { epochs: values.epochs, learningRate: LEARNING_RATE, onProgress: progress.within('tune') });

      progress.finish();
      const fitted = predictRows(model, GRID.map((x) => [x])).map((row) => row[0]!);
      const { bumps, bias } = weightedBumps(model, GRID.map((x) => [x]));
      const rmse = Math.sqrt(GRID.reduce((s, x, i) => s + (fitted[i]! - dampedSine(x)) ** 2, 0) / GRID.length);
      const how = values.epochs > 0 ? `two-stage fit and ${values.epochs} gradient epochs` : 'two-stage fit';
      return {
        metrics: [{ name: 'rmse', label: 'RMSE against the clean curve', value: rmse }],
        plots: [
          plotSvg({
            title: 'Radial basis network: each hidden cell’s weighted Gaussian, and their sum, the fit',
            description: `${bumps.length} bumps wⱼ·φⱼ(x), one per hidden cell, each centred where k-means put its centre; added up with the bias (${bias.toFixed(2)}) they give the fit.`,
            x: { label: 'x' },
            y: { label: 'y' },
            series: [
              { label: 'one cell’s bump wⱼ·φⱼ(x)', mark: 'thin', curves: bumps.map((b) => GRID.map((x, i) => [x, b[i]!] as const)) },
              { label: 'their sum + bias = the fit', mark: 'line', points: GRID.map((x, i) => [x, fitted[i]!]) },
            ],
          }),
          plotSvg({
            title: 'Radial basis network: noisy samples, the clean curve, and the fit',
            description: `With ${values.centres} centres of width ${values.width} and the ${how}, the fit is ${rmse.toFixed(4)} away from the clean curve (root mean square).`,
            x: { label: 'x' },
            y: { label: 'y' },
            series: [
              { label: 'clean curve', mark: 'band', points: GRID.map((x) => [x, dampedSine(x)]) },
              { label: 'noisy samples', mark: 'dots', points: xs.map((x, i) => [x, ys[i]!]) },
              { label: 'RBF fit', mark: 'dashed', points: GRID.map((x, i) => [x, fitted[i]!]) },
            ],
          }),
        ],
      };
    } finally {
      model.dispose();
    }
  },
});
