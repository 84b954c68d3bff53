import * as tf from '@tensorflow/tfjs';

export interface AttentionScoreArgs {
  readonly seed: number;
  readonly name?: string;
}

/**
 * The alignment model's output: the score e_ij = v_aᵀ a_ij of decoder step i for source position j,
 * turned into attention weights by a softmax over the source positions,
 * α_ij = exp(e_ij) / Σ_k exp(e_ik). Each row of α sums to 1.
 *
 * Input: a (batch, T, S, units), from AdditiveAlignment. Output: α (batch, T, S).
 * Weight: `v_a` [units × 1], a matrix so that it reads like every other weight (entry k feeds
 * alignment unit k into the score).
 */
export class AttentionScore extends tf.layers.Layer {
  static readonly className = 'AttentionScore';
  readonly seed: number;
  private scoreKernel?: tf.LayerVariable;

  constructor(args: AttentionScoreArgs) {
    super({ name: args.name });
    this.seed = args.seed;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = inputShape as tf.Shape;
    const units = shape.at(-1);
    if (shape.length !== 4 || typeof units !== 'number')
      throw new Error(`AttentionScore: expected an input [batch, steps, positions, units] with fixed units, but got [${shape.join(', ')}]`);
    this.scoreKernel = this.addWeight('v_a', [units, 1], 'float32', tf.initializers.glorotUniform({ seed: this.seed }));
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const a = (Array.isArray(inputs) ? inputs[0]! : inputs) as tf.Tensor4D;
      const [batch, steps, positions, units] = a.shape;
      const scores = tf.reshape(tf.matMul(tf.reshape(a, [batch * steps * positions, units]), this.scoreKernel!.read() as tf.Tensor2D), [batch, steps, positions]);
      return tf.softmax(scores, -1);
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return (inputShape as tf.Shape).slice(0, 3);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), seed: this.seed };
  }
}
tf.serialization.registerClass(AttentionScore);

export const attentionScore = (args: AttentionScoreArgs): AttentionScore => new AttentionScore(args);

/** The same function in plain JavaScript, float64: α_ij = softmax_j(Σ_u v_a[u] a_ij[u]). A reference for tests. */
export function attentionScoreReference(alignment: readonly (readonly (readonly number[])[])[], scoreKernel: readonly number[]): number[][] {
  return alignment.map((row) => {
    const scores = row.map((a) => a.reduce((sum, au, u) => sum + au * scoreKernel[u]!, 0));
    const top = Math.max(...scores);
    const exps = scores.map((e) => Math.exp(e - top));
    const total = exps.reduce((a, b) => a + b, 0);
    return exps.map((e) => e / total);
  });
}
