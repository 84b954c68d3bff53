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

  it('learns to reverse with the mask, shows no weight above the diagonal; its unmasked twin puts weight on the next position, where under teacher forcing its answer sits, and loses more decoding freely; trains the two side by side, reporting and previewing every minibatch; leaks no tensor', async () => {
    const updates: ProgressUpdate[] = [];
    const previews: (readonly string[])[] = [];
    const before = tf.memory().numTensors;
    const started = Date.now();
    const values = parseParams(params, {});
    const result = await demo.run(values, progressPlan(demo.stages, (u) => updates.push(u), (p) => previews.push(p)));
    const seconds = (Date.now() - started) / 1000;
    expect(tf.memory().numTensors).toBe(before);
    const metric = Object.fromEntries(result.metrics.map((m) => [m.name, m.value]));
    console.log(`transformer demo at defaults: ${seconds.toFixed(1)} s, ${JSON.stringify(metric)}`);
    expect(metric['later-weight']).toBe(0);
    expect(metric['free-accuracy']!).toBeGreaterThan(0.9);
    expect(metric['unmasked-next-weight']!).toBeGreaterThan(0.2);
    expect(metric['unmasked-forced-accuracy']! - metric['unmasked-free-accuracy']!).toBeGreaterThan(metric['forced-accuracy']! - metric['free-accuracy']!);
    // 200 training sequences in minibatches of 100: two steps per epoch, for each network in turn.
    expect(updates.map((u) => `${u.stage} ${u.done}/${u.total}`)).toEqual(Array.from({ length: 2 * values.epochs }, (_, k) => `train:minibatches ${k + 1}/${2 * values.epochs}`));
    expect(previews).toHaveLength(2 * values.epochs);
    expect(previews[0]![0]).toContain('after 1 of 60 minibatches');
    expect(previews[0]![1]).toContain('unmasked decoder');
    expect(result.plots).toHaveLength(6);
    for (const plot of result.plots) expect(plot).toMatch(/^<svg[^>]* role="img"[^>]*><title>[^<]+<\/title><desc>[^<]+<\/desc>/);
  }, 120_000);

  it('without the twin, trains the masked network alone, to the same figures', async () => {
    const values = { ...parseParams(params, {}), unmasked: 0 };
    const result = await demo.run(values, progressPlan(demo.stages, () => {}, () => {}));
    const metric = Object.fromEntries(result.metrics.map((m) => [m.name, m.value]));
    expect(metric['unmasked-free-accuracy']).toBeUndefined();
    expect(metric['free-accuracy']!).toBeGreaterThan(0.9);
    expect(result.plots).toHaveLength(5);
  }, 120_000);
});
