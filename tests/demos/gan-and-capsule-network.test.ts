import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import capsuleDemo from '../../src/demos/architectures/capsule-network';
import capsuleParams from '../../src/demos/architectures/capsule-network.params';
import ganDemo from '../../src/demos/architectures/gan';
import ganParams from '../../src/demos/architectures/gan.params';
import { parseParams } from '../../src/demos/params';
import { progressPlan, type ProgressUpdate } from '../../src/demos/progress-plan';
import capsuleNetwork from '../../src/zoo/capsule-network';
import gan from '../../src/zoo/gan';

describe('GAN and capsule network demos', () => {
  it('default to the definitions’ demo configurations', () => {
    const { noise } = parseParams(ganParams, {});
    expect(gan.configs.demo).toMatchObject({ noise });
    const { iterations, primaryCapsules } = parseParams(capsuleParams, {});
    expect(capsuleNetwork.configs.demo).toMatchObject({ iterations, primaryCapsules });
  });

  it('the GAN demo brings its generator closer to the data, reports the distance after the first step and every 20 as it trains, shows its points live, and leaks no tensor', async () => {
    const updates: ProgressUpdate[] = [];
    const previews: (readonly string[])[] = [];
    const before = tf.memory().numTensors;
    const result = await ganDemo.run(parseParams(ganParams, { steps: '300' }), progressPlan(ganDemo.stages, (u) => updates.push(u), (p) => previews.push(p)));
    expect(tf.memory().numTensors).toBe(before);
    const metric = Object.fromEntries(result.metrics.map((m) => [m.name, m.value]));
    expect(metric.distance!).toBeLessThan(metric['distance-before']! / 2);
    expect(updates.map((u) => u.done)).toEqual([1, ...Array.from({ length: 15 }, (_, k) => 20 * (k + 1))]);
    // One live picture per step: the generated points against the ring, and the distance so far.
    expect(previews).toHaveLength(300);
    expect(previews[0]![0]).toContain('400 points from the generator after 1 of 300 steps');
    expect(previews.at(-1)![1]).toContain(`${metric.distance!.toFixed(3)} at step 300`);
    expect(updates.every((u) => u.error?.label === 'distance to the data')).toBe(true);
    expect(result.plots).toHaveLength(3);
  });

  it('the capsule demo classifies held-out digits well and plots coefficients that sum to 1 per primary capsule', async () => {
    const before = tf.memory().numTensors;
    const result = await capsuleDemo.run(parseParams(capsuleParams, { epochs: '2' }), progressPlan(capsuleDemo.stages, () => {}));
    expect(tf.memory().numTensors).toBe(before);
    expect(result.metrics[0]!.value).toBeGreaterThan(0.9);
    expect(result.plots[0]).toContain('coupling coefficient');
  });
});
