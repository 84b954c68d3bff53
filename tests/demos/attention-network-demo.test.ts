import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import demo from '../../src/demos/architectures/attention-network';
import params from '../../src/demos/architectures/attention-network.params';
import { parseParams } from '../../src/demos/params';
import { progressPlan, type ProgressUpdate } from '../../src/demos/progress-plan';
import attention from '../../src/zoo/attention-network';

describe('attention network demo', () => {
  it('defaults to the definition’s demo configuration', () => {
    const { steps, symbols } = parseParams(params, {});
    expect(attention.configs.demo).toMatchObject({ steps, symbols });
  });

  it('learns to reverse, shows α concentrated on the anti-diagonal as a titled heat map, reports and previews every minibatch and leaks no tensor', async () => {
    const updates: ProgressUpdate[] = [];
    const previews: (readonly string[])[] = [];
    const before = tf.memory().numTensors;
    const started = Date.now();
    const result = await demo.run(parseParams(params, {}), progressPlan(demo.stages, (u) => updates.push(u), (p) => previews.push(p)));
    const seconds = (Date.now() - started) / 1000;
    expect(tf.memory().numTensors).toBe(before);
    const metric = Object.fromEntries(result.metrics.map((m) => [m.name, m.value]));
    console.log(`attention-network demo at defaults: ${seconds.toFixed(1)} s, ${JSON.stringify(metric)}`);
    expect(metric.accuracy!).toBeGreaterThan(0.9);
    expect(metric['attention-on-target']!).toBeGreaterThan(0.6);
    expect(metric['even-accuracy']!).toBeLessThan(metric.accuracy! - 0.3);
    // 600 training sequences in minibatches of 100: 6 reports and 6 previews offered per epoch, 15 epochs.
    expect(updates.map((u) => `${u.stage} ${u.done}/${u.total}`)).toEqual(Array.from({ length: 90 }, (_, k) => `reversal:minibatches ${k + 1}/90`));
    expect(updates.every((u) => Number.isFinite(u.error?.value))).toBe(true);
    expect(previews).toHaveLength(90);
    expect(previews[0]![0]).toContain('after 1 of 90 minibatches (epoch 1)');
    expect(result.plots).toHaveLength(3);
    for (const plot of result.plots) expect(plot).toMatch(/^<svg[^>]* role="img"[^>]*><title>[^<]+<\/title><desc>[^<]+<\/desc>/);
    expect(result.plots[0]).toContain('reads j = 0 most');
  }, 120_000);
});
