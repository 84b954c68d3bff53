import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import demo from '../../src/demos/architectures/echo-state-network';
import { parseParams } from '../../src/demos/params';
import { progressPlan } from '../../src/demos/progress-plan';
import { nextStepPairs, twoSineSeries } from '../../src/network/datasets';
import { expectWatchedOwnNetwork, recordingWatcher } from '../support/watching';

describe('echo-state-network demo', () => {
  it('watches its own reservoir, at the reader’s settings, driven through the held-out steps of the series it predicts, and leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    const values = parseParams(demo.params, { units: '50', spectralRadius: '0.8' });
    const watcher = recordingWatcher();
    const result = await demo.run(values, progressPlan(demo.stages, () => {}, () => {}, { watcher }));
    expect(tf.memory().numTensors).toBe(before);
    expect(result.metrics.find((m) => m.name === 'nrmse')!.value).toBeLessThan(0.1);
    const [example] = expectWatchedOwnNetwork(demo.living!, values, watcher).example;
    // The demo's 600 steps: the readout is fitted on the first 400, the plot predicts the next 200.
    const heldOut = nextStepPairs(twoSineSeries(601)).inputs.slice(400);
    expect(example!.shape).toEqual([1, 200, 1]);
    expect(Array.from(example!.values)).toEqual(Array.from(Float32Array.from(heldOut.flat())));
  });
});
