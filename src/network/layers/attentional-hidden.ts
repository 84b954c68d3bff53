import * as tf from '@tensorflow/tfjs';

export interface AttentionalHiddenArgs {
  /** Cells of the attentional hidden state h̃. */
  readonly units: number;
  readonly seed: number;
  readonly name?: string;
}

const sizeOf = (shapes: tf.Shape | tf.Shape[], k: number): number => {
  if (!Array.isArray(shapes[0])) throw new Error(`AttentionalHidden: expected two inputs [context, decoder state], but got one of shape [${shapes.join(', ')}]`);
  const shape = (shapes as tf.Shape[])[k];
  const size = shape?.at(-1);
  if (!shape || shape.length !== 3 || typeof size !== 'number') throw new Error(`AttentionalHidden: expected input ${k} to be [batch, steps, features] with fixed features, but got [${shape?.join(', ')}]`);
  return size;
};

/**
 * Luong's attentional hidden state, h̃_t = tanh(W_c [c_t; h_t]): the context c_t and the decoder's
 * top state h_t, concatenated and mixed by one weight matrix, with no bias (as in the paper).
 *
 * Inputs: [context c (batch, T, C), decoder state h (batch, T, D)]. Output: (batch, T, units).
 * Weight: `W_c` [(C + D) × units], its first C rows reading the context, the rest the decoder state.
 */
export class AttentionalHidden extends tf.layers.Layer {
  static readonly className = 'AttentionalHidden';
  readonly units: number;
  readonly seed: number;
  private kernel?: tf.LayerVariable;

  constructor(args: AttentionalHiddenArgs) {
    super({ name: args.name });
    if (!Number.isInteger(args.units) || args.units < 1) throw new Error(`AttentionalHidden: expected units to be a positive integer, but got ${args.units}`);
    this.units = args.units;
    this.seed = args.seed;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const rows = sizeOf(inputShape, 0) + sizeOf(inputShape, 1);
    this.kernel = this.addWeight('W_c', [rows, this.units], 'float32', tf.initializers.glorotUniform({ seed: this.seed }));
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      if (!Array.isArray(inputs) || inputs.length !== 2) throw new Error('AttentionalHidden: expected two inputs [context, decoder state]');
      const joined = tf.concat(inputs as tf.Tensor3D[], -1) as tf.Tensor3D;
      const [batch, steps, size] = joined.shape;
      return tf.tanh(tf.reshape(tf.matMul(tf.reshape(joined, [batch * steps, size]), this.kernel!.read() as tf.Tensor2D), [batch, steps, this.units]));
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const first = (inputShape as tf.Shape[])[0]!;
    return [first[0] ?? null, first[1] ?? null, this.units];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units, seed: this.seed };
  }
}
tf.serialization.registerClass(AttentionalHidden);

export const attentionalHidden = (args: AttentionalHiddenArgs): AttentionalHidden => new AttentionalHidden(args);

/** The same function in plain JavaScript, float64: h̃[u] = tanh(Σ_i [c; h][i] W_c[i][u]). A reference for tests. */
export function attentionalHiddenReference(context: readonly number[], state: readonly number[], kernel: readonly (readonly number[])[]): number[] {
  const joined = [...context, ...state];
  return kernel[0]!.map((_, u) => Math.tanh(joined.reduce((sum, x, i) => sum + x * kernel[i]![u]!, 0)));
}
