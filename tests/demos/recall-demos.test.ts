import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import gruDemo from '../../src/demos/architectures/gru';
import lstmDemo from '../../src/demos/architectures/lstm';
import lstmParams from '../../src/demos/architectures/lstm.params';
import { parseParams } from '../../src/demos/params';
import { progressPlan, type ProgressUpdate } from '../../src/demos/progress-plan';
import gru from '../../src/zoo/gru';
import lstm from '../../src/zoo/lstm';

describe('delayed-recall demos (lstm, gru)', () => {
  it('default to the definitions’ demo configurations', () => {
    const { delay, units } = parseParams(lstmParams, {});
    for (const definition of [lstm, gru]) expect(definition.configs.demo).toMatchObject({ units, steps: delay + 1 });
  });

  it.each([
    ['lstm', lstmDemo],
    ['gru', gruDemo],
  ] as const)('the %s demo trains the plain and the gated network side by side, reports and previews every step, plots recall and loss, and leaks no tensor', async (name, demo) => {
    const updates: ProgressUpdate[] = [];
    const previews: (readonly string[])[] = [];
    const before = tf.memory().numTensors;
    const result = await demo.run(parseParams(demo.params, { delay: '3', steps: '100' }), progressPlan(demo.stages, (u) => updates.push(u), (plots) => previews.push(plots)));
    expect(tf.memory().numTensors).toBe(before);
    expect(updates.map((u) => u.done)).toEqual(Array.from({ length: 100 }, (_, k) => k + 1));
    expect(updates.every((u) => u.error?.label === `loss, ${name.toUpperCase()}`)).toBe(true);
    // Both curves grow from the first step: the first preview already has both networks' losses.
    expect(previews).toHaveLength(100);
    expect(previews[0]).toHaveLength(2);
    expect(previews[0]![1]).toContain('after 1 of 100 steps');
    expect(previews[0]![1]).toContain('plain RNN');
    // At a 3-step delay both learn: recall well above chance (0) for both.
    for (const metric of result.metrics) expect(metric.value, metric.name).toBeGreaterThan(0.5);
    expect(result.plots).toHaveLength(2);
    expect(result.plots[0]).toContain('plain RNN');
  });
});
