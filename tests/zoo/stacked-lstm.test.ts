import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import demo, { singleLayerUnits } from '../../src/demos/architectures/stacked-lstm';
import { parseParams } from '../../src/demos/params';
import { progressPlan } from '../../src/demos/progress-plan';
import stacked from '../../src/zoo/stacked-lstm';

/**
 * Windowed parity (src/network/datasets/window-parity.ts): at every step, the product of the last 4
 * random ±1 bits. The demo's defaults: two stacked layers of 8 cells against one layer of 14 cells
 * (at least as many weights), 150 Adam steps each on the same seeded batches.
 */
describe('stacked-lstm', () => {
  it('layer k at step t reads layer k−1 at step t: the upper layer sees nothing of the input but through the lower one', () => {
    const model = stacked.build(stacked.configs.diagram);
    expect(model.getLayer('lstm_2').getWeights()[0]!.shape).toEqual([2, 4 * 2]);
    const [a, b] = tf.tidy(() => {
      const x = tf.randomNormal([1, 3, 2], 0, 1, 'float32', 3);
      const y = tf.concat([x.slice([0, 0, 0], [1, 2, 2]), tf.fill([1, 1, 2], 5)], 1);
      return [model.predict(x) as tf.Tensor, model.predict(y) as tf.Tensor].map((t) => t.arraySync() as number[][][]);
    });
    // Changing only the last input leaves every earlier output unchanged: a stack is still causal.
    expect(a![0]!.slice(0, 2)).toEqual(b![0]!.slice(0, 2));
    expect(a![0]![2]).not.toEqual(b![0]![2]);
    model.dispose();
  });

  it('demo defaults are the definition’s demo configuration', () => {
    const { units, length } = parseParams(demo.params, {});
    expect(stacked.configs.demo).toMatchObject({ inputs: 1, layers: 2, units, steps: length, seed: 5 });
  });

  it('learns the parity of the last 4 bits without an error in 150 steps, where one wider LSTM layer trained alike still errs, and leaks no tensor', async () => {
    expect(singleLayerUnits(8)).toBe(14);
    const before = tf.memory().numTensors;
    const updates: string[] = [];
    const previews: (readonly string[])[] = [];
    const result = await demo.run(parseParams(demo.params, {}), progressPlan(demo.stages, (u) => updates.push(`${u.stage} ${u.done}`), (p) => previews.push(p)));
    expect(tf.memory().numTensors).toBe(before);
    // Side by side: a report and a preview of both networks' curves after every step.
    expect(updates).toEqual(Array.from({ length: 150 }, (_, k) => `both:steps ${k + 1}`));
    expect(previews).toHaveLength(150);
    expect(previews[0]![1]).toContain('after 1 of 150 steps');
    const value = (name: string) => result.metrics.find((m) => m.name === name)!.value;
    expect(value('stacked-params')).toBe(873);
    expect(value('single-params')).toBe(911);
    expect(value('stacked-accuracy')).toBeGreaterThan(0.99);
    expect(value('single-accuracy')).toBeLessThan(0.97);
  }, 60_000);
});
