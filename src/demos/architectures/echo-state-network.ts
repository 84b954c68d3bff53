import esn, { fitReadout, nrmse, predictSequence } from '../../zoo/echo-state-network';
import { nextStepPairs, twoSineSeries } from '../../network/datasets';
import { plotSvg } from '../plot';
import type { DemoResult } from '../types';

const TRAIN = 400;
const TEST = 200;
const WASHOUT = 50;

/**
 * The ESN definition at demo size: drive the reservoir with the series, fit the readout on the first
 * 400 steps, then predict the next value over 200 held-out steps the readout never saw.
 */
export async function run(): Promise<DemoResult> {
  const model = esn.build(esn.configs.demo!);
  try {
    const { inputs, targets } = nextStepPairs(twoSineSeries(TRAIN + TEST + 1));
    fitReadout(model, inputs.slice(0, TRAIN), targets.slice(0, TRAIN), { washout: WASHOUT, ridge: 1e-6 });
    // Run the whole sequence so the reservoir state carries over into the held-out part.
    const predicted = predictSequence(model, inputs).slice(TRAIN);
    const actual = targets.slice(TRAIN);
    const error = nrmse(predicted, actual);
    return {
      metrics: [{ name: 'nrmse', label: 'Held-out NRMSE', value: error }],
      plot: plotSvg(
        'Echo state network: target and one-step-ahead prediction on the held-out steps',
        [
          { label: 'target u(t+1)', style: 'line', points: actual.map((v, i) => [TRAIN + i, v[0]!]) },
          { label: 'ESN prediction', style: 'line', dash: '6 4', points: predicted.map((v, i) => [TRAIN + i, v[0]!]) },
        ],
        { x: 'time step', y: 'value' },
      ),
    };
  } finally {
    model.dispose();
  }
}
