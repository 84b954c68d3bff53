import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import demo from '../../src/demos/architectures/transformer';
import params from '../../src/demos/architectures/transformer.params';
import { parseParams } from '../../src/demos/params';
import { progressPlan, type ProgressUpdate } from '../../src/demos/progress-plan';
import transformer from '../../src/zoo/transformer';

describe('transformer demo', () => {
  it('defaults to the definition’s demo configuration', () => {
    const { length, alphabet } = parseParams(params, {});
    expect(transformer.configs.demo).toMatchObject({ positions: length, symbols: alphabet + 1 });
  });

  it('learns to reverse with the mask, shows no weight above the diagonal, reports every epoch and leaks no tensor', async () => {
    const updates: ProgressUpdate[] = [];
    const before = tf.memory().numTensors;
    const started = Date.now();
    const values = parseParams(params, {});
    const result = await demo.run(values, progressPlan(demo.stages, (u) => updates.push(u), () => {}));
    const seconds = (Date.now() - started) / 1000;
    expect(tf.memory().numTensors).toBe(before);
    const metric = Object.fromEntries(result.metrics.map((m) => [m.name, m.value]));
    console.log(`transformer demo at defaults: ${seconds.toFixed(1)} s, ${JSON.stringify(metric)}`);
    expect(metric['later-weight']).toBe(0);
    expect(metric['free-accuracy']!).toBeGreaterThan(0.7);
    expect(metric['unmasked-free-accuracy']).toBeUndefined();
    expect(updates.map((u) => u.done)).toEqual(Array.from({ length: values.epochs }, (_, e) => e + 1));
    expect(result.plots).toHaveLength(5);
    for (const plot of result.plots) expect(plot).toMatch(/^<svg[^>]* role="img"[^>]*><title>[^<]+<\/title><desc>[^<]+<\/desc>/);
  }, 120_000);

  it('with the unmasked twin, sees it put weight on the next position, where under teacher forcing its answer sits, and lose more than the masked one when decoding freely', async () => {
    const values = { ...parseParams(params, {}), unmasked: 1 };
    const result = await demo.run(values, progressPlan(demo.stages, () => {}, () => {}));
    const metric = Object.fromEntries(result.metrics.map((m) => [m.name, m.value]));
    console.log(`transformer demo with the unmasked twin: ${JSON.stringify(metric)}`);
    expect(metric['unmasked-next-weight']!).toBeGreaterThan(0.2);
    expect(metric['unmasked-forced-accuracy']! - metric['unmasked-free-accuracy']!).toBeGreaterThan(metric['forced-accuracy']! - metric['free-accuracy']!);
    expect(result.plots).toHaveLength(6);
  }, 120_000);
});
