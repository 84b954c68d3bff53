import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import demo from '../../src/demos/architectures/liquid-state-machine';
import { parseParams } from '../../src/demos/params';
import { progressPlan } from '../../src/demos/progress-plan';
import lsm, { SPIKE_TASK } from '../../src/zoo/liquid-state-machine';

describe('liquid-state-machine demo', () => {
  it('defaults to the definition’s demo configuration and spike task', () => {
    const { units, density, jitter } = parseParams(demo.params, {});
    expect(lsm.configs.demo).toMatchObject({ units, density });
    expect(jitter).toBe(SPIKE_TASK.jitter);
  });

  it('runs at the reader’s settings, shows the raster as soon as the readout is fitted, reports every stage in order, and leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    const stages: string[] = [];
    const shown: string[][] = [];
    const result = await demo.run(
      parseParams(demo.params, { units: '30', density: '0.1', jitter: '0' }),
      progressPlan(demo.stages, (u) => stages.at(-1) !== u.stage && stages.push(u.stage), (plots) => shown.push([...plots])),
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(stages).toEqual(demo.stages.map((s) => s.key));
    expect(shown).toHaveLength(1);
    expect(shown[0]![0]).toContain('Readout fitted (training accuracy');
    expect(result.plots).toHaveLength(2);
    expect(result.plots[0]).toContain('from 30 neurons over 100 steps');
    const accuracy = result.metrics.find((m) => m.name === 'accuracy')!;
    expect(accuracy.value).toBeGreaterThan(1 / 3);
  });
});
