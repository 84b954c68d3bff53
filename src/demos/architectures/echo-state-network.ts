import * as tf from '@tensorflow/tfjs';
import { nextStepPairs, twoSineSeries } from '../../network/datasets';
import { createRandom } from '../../network/numerics/random';
import esn, { fitReadout, nrmse, predictSequence, stateDistance } from '../../zoo/echo-state-network';
import { plotSvg } from '../plot';
import type { ParamValues } from '../params';
import { defineDemo } from '../types';
import params from './echo-state-network.params';

const TRAIN = 400;
const TEST = 200;
const WASHOUT = 50;
const STEPS = TRAIN + TEST;
/** Seed of the second copy's random starting state in the echo-state check. */
const START_SEED = 7;

/** The network at the reader's settings: every parameter but the ridge shapes it. */
const networkAt = ({ ridge: _ridge, ...reservoir }: ParamValues<typeof params>) => ({ ...esn.configs.demo!, ...reservoir });

/**
 * The ESN definition at the reader's settings: drive the reservoir with the series, fit the
 * readout on the first 400 steps, predict the next value over 200 held-out steps, and then show
 * the echo-state property itself: two copies of the reservoir, started from different states and
 * driven with the same input, either converge (the state is an echo of the input) or do not.
 */
export default defineDemo({
  params,
  living: { architecture: esn, config: networkAt },
  stages: [
    { key: 'fit:drive', label: 'Driving the reservoir through the training steps', unit: 'steps', weight: 2 },
    { key: 'fit:solve', label: 'Solving for the readout weights', unit: 'solver steps', errorLabel: 'relative residual', weight: 1 },
    { key: 'predict:drive', label: 'Predicting the held-out steps', unit: 'steps', weight: 3 },
    { key: 'echo:drive', label: 'Driving two copies of the reservoir from different starting states', unit: 'steps', weight: 4 },
  ],
  run(values, progress) {
    const model = esn.build(networkAt(values));
    try {
      const { inputs, targets } = nextStepPairs(twoSineSeries(STEPS + 1));
      // The living diagram drives the reservoir, from rest, through the held-out steps the prediction plot shows.
      progress.watch(model, tf.tensor3d([inputs.slice(TRAIN) as number[][]]));
      fitReadout(model, inputs.slice(0, TRAIN), targets.slice(0, TRAIN), { washout: WASHOUT, ridge: values.ridge, onProgress: progress.within('fit') });
      // Run the whole sequence so the reservoir state carries over into the held-out part.
      const predicted = predictSequence(model, inputs, { onProgress: progress.within('predict') }).slice(TRAIN);
      const actual = targets.slice(TRAIN);
      const error = nrmse(predicted, actual);
      const random = createRandom(START_SEED);
      const start = Array.from({ length: values.units }, () => random.uniform(-1, 1));
      const distance = stateDistance(model, inputs, start, { onProgress: progress.within('echo') });
      const final = distance.at(-1)!;
      return {
        metrics: [
          { name: 'nrmse', label: 'Held-out NRMSE', value: error },
          { name: 'state-distance', label: `Distance between the two copies after ${STEPS} steps`, value: final },
        ],
        plots: [
          plotSvg({
            title: 'Echo state network: target and one-step-ahead prediction on the held-out steps',
            description: `The prediction follows the target with a normalised error of ${error.toFixed(4)} (0 is perfect, 1 is no better than the mean).`,
            x: { label: 'time step' },
            y: { label: 'value' },
            series: [
              { label: 'target u(t+1)', mark: 'band', points: actual.map((v, i) => [TRAIN + i, v[0]!]) },
              { label: 'ESN prediction', mark: 'dashed', points: predicted.map((v, i) => [TRAIN + i, v[0]!]) },
            ],
          }),
          plotSvg({
            title: 'Echo-state property: distance between two copies of the reservoir started from different states and driven with the same input',
            description: `The distance starts at ${distance[0]!.toFixed(2)} and is ${final.toExponential(1)} after ${STEPS} steps: ${final < 1e-3 * distance[0]! ? 'the starting state is forgotten' : 'the starting state is not forgotten'}.`,
            x: { label: 'time step' },
            y: { label: 'state distance', scale: 'log' },
            series: [{ label: 'distance between the copies (log scale)', mark: 'line', points: distance.map((d, t) => [t + 1, d]) }],
          }),
        ],
      };
    } finally {
      progress.finish();
      model.dispose();
    }
  },
});
