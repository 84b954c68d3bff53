import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { innerError, trainDeepAndShallow } from '../../src/demos/deep-context';
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

  it('multiplies the two neighbours with two layers, where one layer of about as many weights stays at its floor of 1/9', async () => {
    const before = tf.memory().numTensors;
    const { shallow, deep } = await trainDeepAndShallow({ units: 4, steps: 8, epochs: 40, learningRate: 0.05 }, definition.configs.demo!.seed);
    expect(Math.abs(shallow.params - deep.params) / deep.params).toBeLessThan(0.1);
    // One layer: a sum of a function of the past and one of the future, no better than predicting 0.
    expect(innerError(shallow.errors)).toBeGreaterThan(0.9 * ONE_LAYER_FLOOR);
    expect(innerError(deep.errors)).toBeLessThan(0.5 * ONE_LAYER_FLOOR);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
