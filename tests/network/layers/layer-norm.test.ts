import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { layerNormalization } from '../../../src/network/layers/layer-norm';

describe('layer normalisation by broadcasting', () => {
  const model = (layer: tf.layers.Layer) => {
    const x = tf.input({ shape: [3, 5] });
    return tf.model({ inputs: x, outputs: layer.apply(x) as tf.SymbolicTensor });
  };

  it('computes what tfjs’s LayerNormalization computes, γ (x − μ)/√(σ² + ε) + β, with the same gradients, at a fraction of the kernels', () => {
    const ours = model(layerNormalization({ epsilon: 1e-3, name: 'ours' }));
    const theirs = model(tf.layers.layerNormalization({ axis: -1, epsilon: 1e-3, name: 'theirs' }));
    tf.tidy(() => {
      const [gamma, beta] = [tf.randomNormal([5], 1, 0.5, 'float32', 1), tf.randomNormal([5], 0, 0.5, 'float32', 2)];
      ours.setWeights([gamma, beta]);
      theirs.setWeights([gamma, beta]);
      const x = tf.randomNormal([4, 3, 5], 0, 2, 'float32', 3);
      const y = tf.randomNormal([4, 3, 5], 0, 1, 'float32', 4);
      expect(ours.getLayer('ours').getClassName()).toBe('LayerNormalization');
      const [a, b] = [ours, theirs].map((m) => (m.predict(x) as tf.Tensor).arraySync() as number[][][]);
      a!.flat(2).forEach((v, i) => expect(v).toBeCloseTo(b!.flat(2)[i]!, 5));
      const gradients = (m: tf.LayersModel) => {
        const { grads } = tf.variableGrads(() => (m.apply(x) as tf.Tensor).mul(y).sum() as tf.Scalar);
        return Object.keys(grads).sort().map((k) => grads[k]!.arraySync() as number[]);
      };
      const [ga, gb] = [gradients(ours), gradients(theirs)];
      ga.forEach((g, k) => g.forEach((v, i) => expect(v).toBeCloseTo(gb[k]![i]!, 4)));
    });
    ours.dispose();
    theirs.dispose();
  });

  it('saves as tfjs’s own LayerNormalization, and loads back computing the same numbers', async () => {
    const ours = model(layerNormalization({ epsilon: 1e-6, name: 'norm' }));
    const copy = await tf.models.modelFromJSON({ modelTopology: ours.toJSON(null, false) as tf.io.ModelJSON['modelTopology'] });
    copy.setWeights(ours.getWeights());
    tf.tidy(() => {
      const x = tf.randomNormal([2, 3, 5], 0, 1, 'float32', 5);
      const [a, b] = [ours, copy].map((m) => (m.predict(x) as tf.Tensor).arraySync() as number[][][]);
      a!.flat(2).forEach((v, i) => expect(v).toBeCloseTo(b!.flat(2)[i]!, 5));
    });
    copy.dispose();
    ours.dispose();
  });
});
