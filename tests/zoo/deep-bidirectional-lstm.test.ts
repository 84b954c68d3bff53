import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import demo from '../../src/demos/architectures/deep-bidirectional-lstm';
import params from '../../src/demos/architectures/deep-bidirectional-lstm.params';
import { parseParams } from '../../src/demos/params';
import { progressPlan, type ProgressUpdate } from '../../src/demos/progress-plan';
import { ONE_LAYER_FLOOR } from '../../src/network/datasets/neighbour-product';
import definition from '../../src/zoo/deep-bidirectional-lstm';

describe('deep-bidirectional-lstm', () => {
  it('feeds both chains of layer 2 from both chains of layer 1 at the same step', () => {
    const model = definition.build(definition.configs.diagram);
    try {
      const second = model.getLayer('bidirectional_2');
      expect(second.inboundNodes[0]!.inboundLayers.map((l) => l.name)).toEqual(['bidirectional_1']);
      // Each chain's input kernel has 2 × units rows: the forward and the backward states below.
      const units = definition.configs.diagram.units;
      const kernels = second.trainableWeights.filter((w) => /kernel/.test(w.name) && !/recurrent/.test(w.name));
      expect(kernels).toHaveLength(2);
      for (const w of kernels) expect(w.shape).toEqual([2 * units, 4 * units]);
    } finally {
      model.dispose();
    }
  });

  it('demo at its defaults: two layers multiply the two neighbours, where one layer of about as many weights stays above its floor of 1/9', async () => {
    const { units, steps } = parseParams(params, {});
    expect(definition.configs.demo).toMatchObject({ units, steps, layers: 2 });
    const updates: ProgressUpdate[] = [];
    const before = tf.memory().numTensors;
    const started = Date.now();
    const previews: (readonly string[])[] = [];
    const result = await demo.run(parseParams(params, {}), progressPlan(demo.stages, (u) => updates.push(u), (plots) => previews.push(plots)));
    const seconds = (Date.now() - started) / 1000;
    expect(tf.memory().numTensors).toBe(before);
    const metric = Object.fromEntries(result.metrics.map((m) => [m.name, m.value]));
    console.log(`deep-bidirectional-lstm demo at defaults: ${seconds.toFixed(1)} s, ${JSON.stringify(metric)}`);
    // One layer: a sum of a function of the past and one of the future, no better than predicting 0.
    expect(metric.floor).toBeCloseTo(1 / 9, 6);
    expect(metric['shallow-error']!).toBeGreaterThan(0.9 * ONE_LAYER_FLOOR);
    expect(metric['deep-error']!).toBeLessThan(0.5 * ONE_LAYER_FLOOR);
    // Side by side: one report and one growing loss plot per epoch, for both networks at once.
    const { epochs } = parseParams(params, {});
    expect(updates.map((u) => `${u.stage} ${u.done}`)).toEqual(Array.from({ length: epochs }, (_, e) => `both:epochs ${e + 1}`));
    expect(previews).toHaveLength(epochs);
    expect(previews[0]![0]).toContain(`epoch 1 of ${epochs}`);
    expect(result.plots).toHaveLength(2);
  }, 60_000);

  it('compares networks of about the same number of weights', async () => {
    const one = definition.build({ ...definition.configs.demo!, layers: 1, units: 8 });
    const two = definition.build(definition.configs.demo!);
    expect([one.countParams(), two.countParams()]).toEqual([657, 617]);
    one.dispose();
    two.dispose();
  });
});
