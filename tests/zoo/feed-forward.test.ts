import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import feedForward, { trainBackprop } from '../../src/zoo/feed-forward';

describe('feed-forward', () => {
  it('learns XOR by backpropagation, which a single perceptron cannot', async () => {
    const model = feedForward.build(feedForward.configs.diagram);
    const inputs = [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ];
    const loss = await trainBackprop(model, inputs, [[0], [1], [1], [0]], { epochs: 500, learningRate: 0.05 });
    const outputs = tf.tidy(() => Array.from((model.predict(tf.tensor2d(inputs)) as tf.Tensor).dataSync()));
    expect(outputs.map((p) => (p > 0.5 ? 1 : 0))).toEqual([0, 1, 1, 0]);
    expect(loss).toBeLessThan(0.1);
    model.dispose();
  });
});
