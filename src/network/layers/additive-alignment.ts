import * as tf from '@tensorflow/tfjs';

export interface AdditiveAlignmentArgs {
  /** Hidden units of the alignment model (the length of W_a s and of U_a h). */
  readonly units: number;
  readonly seed: number;
  readonly name?: string;
}

const shapeOf = (shapes: tf.Shape | tf.Shape[], k: number, layer: string): tf.Shape => {
  if (!Array.isArray(shapes[0])) throw new Error(`${layer}: expected two inputs [queries, keys], but got one of shape [${shapes.join(', ')}]`);
  const shape = (shapes as tf.Shape[])[k];
  if (!shape || shape.length !== 3) throw new Error(`${layer}: expected input ${k} to be [batch, steps, features], but got [${shape?.join(', ')}]`);
  return shape;
};

/**
 * The hidden layer of Bahdanau's alignment model, for every pair of a decoder step i and a source
 * position j: a_ij = tanh(W_a s_i + k_j), where k_j = U_a h_j is the key of source position j
 * (precomputed by a Dense layer, as the paper's appendix suggests, because it does not depend on i).
 *
 * Inputs: [queries s (batch, T, D), keys k (batch, S, units)]. Output: (batch, T, S, units).
 * Weight: `W_a` [D × units]. No bias: the paper's alignment model has none.
 */
export class AdditiveAlignment extends tf.layers.Layer {
  static readonly className = 'AdditiveAlignment';
  readonly units: number;
  readonly seed: number;
  private queryKernel?: tf.LayerVariable;

  constructor(args: AdditiveAlignmentArgs) {
    super({ name: args.name });
    if (!Number.isInteger(args.units) || args.units < 1) throw new Error(`AdditiveAlignment: expected units to be a positive integer, but got ${args.units}`);
    this.units = args.units;
    this.seed = args.seed;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const queries = shapeOf(inputShape, 0, 'AdditiveAlignment').at(-1);
    const keys = shapeOf(inputShape, 1, 'AdditiveAlignment').at(-1);
    if (typeof queries !== 'number') throw new Error(`AdditiveAlignment: expected a fixed query size, but got ${queries}`);
    if (keys !== this.units) throw new Error(`AdditiveAlignment: expected keys of size ${this.units}, but got ${keys}`);
    this.queryKernel = this.addWeight('W_a', [queries, this.units], 'float32', tf.initializers.glorotUniform({ seed: this.seed }));
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      if (!Array.isArray(inputs) || inputs.length !== 2) throw new Error('AdditiveAlignment: expected two inputs [queries, keys]');
      const [queries, keys] = inputs as [tf.Tensor3D, tf.Tensor3D];
      const [batch, steps, size] = queries.shape;
      const projected = tf.reshape(tf.matMul(tf.reshape(queries, [batch * steps, size]), this.queryKernel!.read() as tf.Tensor2D), [batch, steps, 1, this.units]);
      // [batch, T, 1, units] + [batch, 1, S, units]: every decoder step against every source position.
      return tf.tanh(tf.add(projected, tf.expandDims(keys, 1)));
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [batch, steps] = shapeOf(inputShape, 0, 'AdditiveAlignment');
    const positions = shapeOf(inputShape, 1, 'AdditiveAlignment')[1];
    return [batch ?? null, steps ?? null, positions ?? null, this.units];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units, seed: this.seed };
  }
}
tf.serialization.registerClass(AdditiveAlignment);

export const additiveAlignment = (args: AdditiveAlignmentArgs): AdditiveAlignment => new AdditiveAlignment(args);

/** The same function in plain JavaScript, float64: a_ij[u] = tanh(Σ_d s_i[d] W_a[d][u] + k_j[u]). A reference for tests. */
export function additiveAlignmentReference(
  queries: readonly (readonly number[])[],
  keys: readonly (readonly number[])[],
  queryKernel: readonly (readonly number[])[],
): number[][][] {
  return queries.map((s) => keys.map((k) => k.map((key, u) => Math.tanh(s.reduce((sum, sd, d) => sum + sd * queryKernel[d]![u]!, 0) + key))));
}
