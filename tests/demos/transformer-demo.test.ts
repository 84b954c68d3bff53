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

  it('learns to reverse with the mask, shows no weight above the diagonal, sees the unmasked twin do better fed the answers than decoding freely, and leaks no tensor', async () => {
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
    expect(metric['free-accuracy']!).toBeGreaterThan(0.8);
    expect(metric['unmasked-forced-accuracy']! - metric['unmasked-free-accuracy']!).toBeGreaterThan(0.2);
    expect(updates.filter((u) => u.stage === 'masked:epochs')).toHaveLength(values.epochs);
    for (const plot of result.plots) expect(plot).toMatch(/^<svg[^>]* role="img"[^>]*><title>[^<]+<\/title><desc>[^<]+<\/desc>/);
  }, 120_000);
});
