import elm, { fitLeastSquares, predictRows } from '../../zoo/extreme-learning-machine';
import { dampedSine, noisySamples } from '../../network/datasets';
import { plotSvg } from '../plot';
import type { DemoResult } from '../types';

/**
 * The ELM definition at demo size: 120 noisy samples of a damped sine, output weights solved in one
 * least-squares step, error measured against the clean curve on a fine grid.
 */
export async function run(): Promise<DemoResult> {
  const model = elm.build(elm.configs.demo!);
  try {
    const { xs, ys } = noisySamples(dampedSine, { count: 120, lo: -4, hi: 4, noise: 0.1, seed: 2024 });
    fitLeastSquares(model, xs.map((x) => [x]), ys.map((y) => [y]), { ridge: 1e-5 });
    const grid = Array.from({ length: 201 }, (_, i) => -4 + (8 * i) / 200);
    const fitted = predictRows(model, grid.map((x) => [x])).map((row) => row[0]!);
    const rmse = Math.sqrt(grid.reduce((s, x, i) => s + (fitted[i]! - dampedSine(x)) ** 2, 0) / grid.length);
    return {
      metrics: [{ name: 'rmse', label: 'RMSE against the clean curve', value: rmse }],
      plot: plotSvg(
        'Extreme learning machine: noisy samples, the clean curve, and the one-step least-squares fit',
        [
          { label: 'noisy samples', style: 'dots', points: xs.map((x, i) => [x, ys[i]!]) },
          { label: 'clean curve', style: 'line', dash: '2 3', points: grid.map((x) => [x, dampedSine(x)]) },
          { label: 'ELM fit', style: 'line', points: grid.map((x, i) => [x, fitted[i]!]) },
        ],
        { x: 'x', y: 'y' },
      ),
    };
  } finally {
    model.dispose();
  }
}
