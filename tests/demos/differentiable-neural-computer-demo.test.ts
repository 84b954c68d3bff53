import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import demo from '../../src/demos/architectures/differentiable-neural-computer';
import params from '../../src/demos/architectures/differentiable-neural-computer.params';
import { parseParams } from '../../src/demos/params';
import { progressPlan, type ProgressUpdate } from '../../src/demos/progress-plan';

describe('differentiable neural computer demo', () => {
  it('trains the DNC and the LSTM on the copy task, redraws the memory heat maps as it learns, measures bits wrong against length, and leaks no tensor', async () => {
    const updates: ProgressUpdate[] = [];
    const previews: (readonly string[])[] = [];
    const before = tf.memory().numTensors;
    const started = Date.now();
    const result = await demo.run(parseParams(params, {}), progressPlan(demo.stages, (u) => updates.push(u), (p) => previews.push(p)));
    const seconds = (Date.now() - started) / 1000;
    expect(tf.memory().numTensors).toBe(before);
    const metric = Object.fromEntries(result.metrics.map((m) => [m.name, m.value]));
    console.log(`differentiable-neural-computer demo at defaults: ${seconds.toFixed(1)} s, ${JSON.stringify(metric)}`);
    expect(metric['dnc-1']).toBe(0);
    expect(metric['dnc-2']!).toBeLessThan(1);
    expect(metric['dnc-6']!).toBeGreaterThan(metric['dnc-2']!);
    expect(updates.filter((u) => u.stage === 'dnc:batches')).toHaveLength(30);
    // One before training, then every 5 batches.
    expect(previews).toHaveLength(1 + 30 / 5);
    expect(previews[0]).toHaveLength(4);
    expect(result.plots).toHaveLength(6);
    for (const plot of result.plots) expect(plot).toMatch(/^<svg[^>]* role="img"[^>]*><title>[^<]+<\/title><desc>[^<]+<\/desc>/);
  }, 120_000);
});
