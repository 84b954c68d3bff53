import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import demo from '../../src/demos/architectures/minimal-gru';
import { parseParams } from '../../src/demos/params';
import { progressPlan } from '../../src/demos/progress-plan';
import mgu from '../../src/zoo/minimal-gru';

describe('minimal-gru demo', () => {
  it('defaults to the definition’s demo configuration and to equal starts at keep bias 0', () => {
    const { units, seed, keepBias } = parseParams(demo.params, {});
    expect(mgu.configs.demo).toMatchObject({ units, seed });
    expect(keepBias).toBe(0);
  });

  it('trains both networks from the reader’s keep bias and seed, says where they started, and leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    const updates: string[] = [];
    const previews: (readonly string[])[] = [];
    const run = (raw: Record<string, string>) =>
      demo.run(parseParams(demo.params, { delay: '2', units: '2', epochs: '20', ...raw }), progressPlan(demo.stages, (u) => updates.push(`${u.stage} ${u.done}`), (p) => previews.push(p)));
    const [a, c] = [await run({ keepBias: '1', seed: '2' }), await run({ keepBias: '-1', seed: '3' })];
    expect(tf.memory().numTensors).toBe(before);
    // Side by side: one report and one growing loss plot of both networks per epoch.
    expect(updates.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, e) => `both:epochs ${e + 1}`));
    expect(previews).toHaveLength(40);
    expect(previews[0]![0]).toContain('epoch 1 of 20');
    expect(previews[0]![0]).toContain('GRU (');
    expect(a.plots[0]).toContain('Both started keeping 73 % of their state per step (b = 1), seed 2.');
    expect(c.plots[0]).toContain('Both started keeping 27 % of their state per step (b = −1), seed 3.');
  });
});
