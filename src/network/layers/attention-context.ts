import * as tf from '@tensorflow/tfjs';

/**
 * The context vector of each decoder step: c_i = Σ_j α_ij h_j, the encoder states weighted by the
 * attention weights. No weight of its own: α is computed for each input by AttentionScore, never
 * trained, and read here as the weights of the memory read.
 *
 * Inputs: [α (batch, T, S), memory h (batch, S, units)]. Output: (batch, T, units).
 */
export class AttentionContext extends tf.layers.Layer {
  static readonly className = 'AttentionContext';

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      if (!Array.isArray(inputs) || inputs.length !== 2) throw new Error('AttentionContext: expected two inputs [attention weights, memory]');
      const [alpha, memory] = inputs as [tf.Tensor3D, tf.Tensor3D];
      return tf.matMul(alpha, memory);
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [alpha, memory] = inputShape as tf.Shape[];
    if (!alpha || !memory || alpha.length !== 3 || memory.length !== 3)
      throw new Error(`AttentionContext: expected inputs [batch, steps, positions] and [batch, positions, units], but got ${JSON.stringify(inputShape)}`);
    return [alpha[0] ?? null, alpha[1] ?? null, memory[2] ?? null];
  }
}
tf.serialization.registerClass(AttentionContext);

export const attentionContext = (name: string): AttentionContext => new AttentionContext({ name });

/** The same function in plain JavaScript, float64: c_i[k] = Σ_j α_ij h_j[k]. A reference for tests. */
export function attentionContextReference(weights: readonly (readonly number[])[], memory: readonly (readonly number[])[]): number[][] {
  return weights.map((alpha) => memory[0]!.map((_, k) => alpha.reduce((sum, a, j) => sum + a * memory[j]![k]!, 0)));
}
