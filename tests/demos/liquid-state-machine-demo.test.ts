import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import demo from '../../src/demos/architectures/liquid-state-machine';
import { parseParams } from '../../src/demos/params';
import { progressPlan } from '../../src/demos/progress-plan';
import lsm, { SPIKE_TASK, spikeTaskSamples, type LiquidStateConfig } from '../../src/zoo/liquid-state-machine';
import { expectWatchedOwnNetwork, recordingWatcher } from '../support/watching';

describe('liquid-state-machine demo', () => {
  it('defaults to the definition’s demo configuration and spike task', () => {
    const { units, density, jitter } = parseParams(demo.params, {});
    expect(lsm.configs.demo).toMatchObject({ units, density });
    expect(jitter).toBe(SPIKE_TASK.jitter);
  });

  it('runs at the reader’s settings, shows the raster as soon as the readout is fitted, reports every stage in order, watches its own liquid on the first held-out sample, and leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    const stages: string[] = [];
    const shown: string[][] = [];
    const values = parseParams(demo.params, { units: '30', density: '0.1', jitter: '0' });
    const watcher = recordingWatcher();
    const result = await demo.run(
      values,
      progressPlan(demo.stages, (u) => stages.at(-1) !== u.stage && stages.push(u.stage), (plots) => shown.push([...plots]), { watcher }),
    );
    expect(tf.memory().numTensors).toBe(before);
    // The living diagram: the liquid at the living config, run on the held-out sample the raster shows (spikes, 0 or 1).
    const [example] = expectWatchedOwnNetwork(demo.living!, values, watcher).example;
    const sample = spikeTaskSamples(demo.living!.config(values) as LiquidStateConfig, { ...SPIKE_TASK, jitter: values.jitter }).heldOut.inputs[0]!;
    expect(example!.shape).toEqual([1, sample.length, sample[0]!.length]);
    expect(Array.from(example!.values)).toEqual(sample.flat());
    expect(sample.flat().some((s) => s === 1)).toBe(true);
    expect(stages).toEqual(demo.stages.map((s) => s.key));
    expect(shown).toHaveLength(1);
    expect(shown[0]![0]).toContain('Readout fitted (training accuracy');
    expect(result.plots).toHaveLength(2);
    expect(result.plots[0]).toContain('from 30 neurons over 100 steps');
    const accuracy = result.metrics.find((m) => m.name === 'accuracy')!;
    expect(accuracy.value).toBeGreaterThan(1 / 3);
  });
});
