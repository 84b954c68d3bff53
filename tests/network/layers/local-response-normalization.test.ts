import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  LocalResponseNormalization,
  localResponseNormalization,
  localResponseNormalizationReference,
} from '../../../src/network/layers/local-response-normalization';
import { createRandom } from '../../../src/network/numerics/random';

const ALEXNET = { size: 5, k: 2, alpha: 1e-4, beta: 0.75 };

describe('LocalResponseNormalization layer', () => {
  it('divides each channel by (k + α Σ a_j²)^β over its n neighbours, as the plain-JavaScript reference does', () => {
    const random = createRandom(3);
    // Large activations, so the denominator moves far from k^β and the test can tell α·Σ apart.
    const values = Array.from({ length: 2 * 3 * 3 * 7 }, () => random.uniform(-60, 60));
    for (const args of [ALEXNET, { size: 3, k: 1, alpha: 0.01, beta: 0.5 }]) {
      const layer = localResponseNormalization({ ...args, name: 'lrn' });
      const input = tf.input({ shape: [3, 3, 7] });
      const model = tf.model({ inputs: input, outputs: layer.apply(input) as tf.SymbolicTensor });
      const ours = tf.tidy(() => Array.from((model.predict(tf.tensor4d(values, [2, 3, 3, 7])) as tf.Tensor).dataSync()));
      for (let position = 0; position < 2 * 3 * 3; position++) {
        const channels = values.slice(position * 7, position * 7 + 7);
        localResponseNormalizationReference(channels, args).forEach((v, c) => expect(ours[position * 7 + c]!, `position ${position}, channel ${c}`).toBeCloseTo(v, 4));
      }
      expect(model.countParams()).toBe(0);
      model.dispose();
    }
  });

  it('keeps its settings through serialization and refuses an even window', async () => {
    const input = tf.input({ shape: [2, 2, 6] });
    const model = tf.model({ inputs: input, outputs: localResponseNormalization({ ...ALEXNET, name: 'norm1' }).apply(input) as tf.SymbolicTensor });
    const copy = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) as tf.io.ModelJSON['modelTopology'] });
    const restored = copy.getLayer('norm1') as LocalResponseNormalization;
    expect(restored).toBeInstanceOf(LocalResponseNormalization);
    expect([restored.size, restored.k, restored.alpha, restored.beta]).toEqual([5, 2, 1e-4, 0.75]);
    model.dispose();
    copy.dispose();
    expect(() => localResponseNormalization({ ...ALEXNET, size: 4 })).toThrow(/size to be an odd positive integer, but got 4/);
  });
});
