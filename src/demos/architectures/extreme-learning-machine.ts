import * as tf from '@tensorflow/tfjs';
import { dampedSine, noisySamples } from '../../network/datasets';
import elm, { fitLeastSquares, predictRows } from '../../zoo/extreme-learning-machine';
import { plotSvg } from '../plot';
import type { ParamValues } from '../params';
import { defineDemo } from '../types';
import params from './extreme-learning-machine.params';

const GRID = Array.from({ length: 201 }, (_, i) => -4 + (8 * i) / 200);
/** The input the living diagram shows the cells at: near the sine's first peak. */
const EXAMPLE_X = 1.2;

/** The network at the reader's settings: every parameter but the ridge penalty (which only the solve uses) shapes it. */
const networkAt = ({ ridge: _ridge, ...hidden }: ParamValues<typeof params>) => ({ ...elm.configs.demo!, ...hidden });

/**
 * The ELM definition at the reader's settings: 120 noisy samples of a damped sine, output weights
 * solved in one least-squares step, error measured against the clean curve on a fine grid.
 */
export default defineDemo({
  params,
  living: { architecture: elm, config: networkAt },
  stages: [
    { key: 'fit:features', label: 'Computing the random hidden features', unit: 'samples', weight: 1 },
    { key: 'fit:solve', label: 'Solving for the output weights', unit: 'solver steps', errorLabel: 'relative residual', weight: 1 },
  ],
  async run(values, progress) {
    const model = elm.build(networkAt(values));
    try {
      progress.watch(model, tf.tensor2d([[EXAMPLE_X]]));
      const { xs, ys } = noisySamples(dampedSine, { count: 120, lo: -4, hi: 4, noise: 0.1, seed: 2024 });
      fitLeastSquares(model, xs.map((x) => [x]), ys.map((y) => [y]), { ridge: values.ridge, onProgress: progress.within('fit') });
      progress.finish();
      const fitted = predictRows(model, GRID.map((x) => [x])).map((row) => row[0]!);
      const rmse = Math.sqrt(GRID.reduce((s, x, i) => s + (fitted[i]! - dampedSine(x)) ** 2, 0) / GRID.length);
      return {
        metrics: [{ name: 'rmse', label: 'RMSE against the clean curve', value: rmse }],
        plots: [
          plotSvg({
            title: 'Extreme learning machine: noisy samples, the clean curve, and the one-step least-squares fit',
            description: `With ${values.hidden} hidden cells the fit is ${rmse.toFixed(4)} away from the clean curve (root mean square).`,
            x: { label: 'x' },
            y: { label: 'y' },
            series: [
              { label: 'clean curve', mark: 'band', points: GRID.map((x) => [x, dampedSine(x)]) },
              { label: 'noisy samples', mark: 'dots', points: xs.map((x, i) => [x, ys[i]!]) },
              { label: 'ELM fit', mark: 'dashed', points: GRID.map((x, i) => [x, fitted[i]!]) },
            ],
          }),
        ],
      };
    } finally {
      model.dispose();
    }
  },
});
