import * as tf from '@tensorflow/tfjs';

type LayerNormalizationClass = new (args: { axis?: number; epsilon?: number; name?: string }) => tf.layers.Layer;

/** tfjs's own LayerNormalization class, as its serialisation registry holds it. */
const TfjsLayerNormalization = (tf.serialization.SerializationMap.getMap().classNameMap['LayerNormalization'] as unknown as [LayerNormalizationClass])[0];

/**
 * tfjs's LayerNormalization over the last axis, y = γ (x − μ)/√(σ² + ε) + β, with its call computed
 * by broadcasting. tfjs 4.22 tiles μ, σ², γ and β out to the input's full shape before normalising,
 * and the gradient of a tile is one slice and one add per copy: for a batch of 100 sequences of 4
 * positions, 8,000 of the 10,000 kernels of a Transformer demo's training step. The class, its
 * weights (gamma, beta), its config and so its serialisation are tfjs's own (a saved model loads as
 * tfjs's LayerNormalization, computing the same numbers); only `call` differs.
 */
class BroadcastLayerNormalization extends TfjsLayerNormalization {
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0]! : inputs;
      const weight = (suffix: string) => this.weights.find((w) => w.originalName.endsWith(`/${suffix}`))!.read();
      const mean = tf.mean(x, -1, true);
      const centred = tf.sub(x, mean);
      const variance = tf.mean(tf.square(centred), -1, true);
      const epsilon = (this.getConfig() as { epsilon: number }).epsilon;
      return tf.add(tf.mul(tf.mul(centred, tf.rsqrt(tf.add(variance, epsilon))), weight('gamma')), weight('beta'));
    });
  }
}

/** Layer normalisation over the last axis (γ and β per unit), as tf.layers.layerNormalization computes it. */
export const layerNormalization = (args: { epsilon?: number; name: string }): tf.layers.Layer => new BroadcastLayerNormalization({ axis: -1, ...args });
