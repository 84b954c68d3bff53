import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/network/numerics/random';
import rnn, { trainThroughTime } from '../../src/zoo/recurrent-network';

/** Output at step t must be the input at step t−1: impossible without memory of the last step. */
function delayTask(sequences: number, steps: number, seed: number) {
  const random = createRandom(seed);
  const inputs = Array.from({ length: sequences }, () => Array.from({ length: steps }, () => [random.uniform(-1, 1), random.uniform(-1, 1)]));
  const targets = inputs.map((seq) => seq.map((_, t) => (t === 0 ? [0, 0] : seq[t - 1]!)));
  return { inputs, targets };
}

describe('recurrent-network', () => {
  it('learns by backpropagation through time to echo its input one step late', async () => {
    const model = rnn.build({ ...rnn.configs.diagram, units: 8 });
    const train = delayTask(64, 10, 1);
    await trainThroughTime(model, train.inputs, train.targets, { epochs: 300, learningRate: 0.02 });
    const test = delayTask(16, 10, 2);
    const mse = tf.tidy(() => tf.losses.meanSquaredError(tf.tensor3d(test.targets), model.predict(tf.tensor3d(test.inputs)) as tf.Tensor).dataSync()[0]!);
    // Predicting zero scores the variance of the inputs, 1/3; memory is needed to beat it by far.
    expect(mse).toBeLessThan(0.03);
    model.dispose();
  });
});
