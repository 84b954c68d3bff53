import * as tf from '@tensorflow/tfjs';

export interface MinimalGruCellArgs {
  readonly units: number;
  /** Seeds the initial weights: kernel glorot-uniform (seed), recurrent kernel orthogonal (seed + 1). */
  readonly seed: number;
  /**
   * Initial forget-gate bias b_f (default 0). The unit keeps 1 − σ(b_f) of its state per step at the
   * start, and its candidate reads σ(b_f) of the old state: 0 gives ½ and ½, as a GRU with zero
   * biases starts (update and reset gate both at σ(0) = ½); −1 keeps 73 %, +1 keeps 27 %.
   */
  readonly forgetBias?: number;
  readonly name?: string;
}

/**
 * The minimal gated unit of Zhou, Wu, Zhang and Zhou (2016), as a tfjs RNN cell: one forget gate
 * both decides what of h_{t−1} the candidate may read and how far the state moves to the candidate.
 *   f_t = σ(W_f x_t + U_f h_{t−1} + b_f)
 *   h̃_t = tanh(W_h x_t + U_h (f_t ⊙ h_{t−1}) + b_h)
 *   h_t = (1 − f_t) ⊙ h_{t−1} + f_t ⊙ h̃_t
 * Weights, in tfjs's layout for gated cells (gate blocks side by side): kernel [inputs, 2·units] =
 * [W_f W_h], recurrent_kernel [units, 2·units] = [U_f U_h], bias [2·units] = [b_f b_h] (b_h starts
 * at 0, b_f at `forgetBias`, 0 unless given). The plain-JS op graph in src/network/cells/minimal-gru.ts
 * is the same computation, tested against this cell.
 *
 * It extends tf.layers.Layer, not tfjs's RNNCell: RNNCell is not exported by the tfjs package,
 * and tfjs's RNN asks of a cell only `stateSize`, `build` and `call([x, h]) → [output, h]`.
 */
export class MinimalGruCell extends tf.layers.Layer {
  static readonly className = 'MinimalGruCell';
  readonly units: number;
  readonly seed: number;
  readonly forgetBias: number;
  readonly stateSize: number;
  // Part of tfjs's RNNCell shape, which RNN resets between batches; this cell has no dropout.
  declare dropoutMask: tf.Tensor | tf.Tensor[];
  declare recurrentDropoutMask: tf.Tensor | tf.Tensor[];
  private kernel?: tf.LayerVariable;
  private recurrentKernel?: tf.LayerVariable;
  private bias?: tf.LayerVariable;

  constructor(args: MinimalGruCellArgs) {
    super({ name: args.name });
    if (!Number.isInteger(args.units) || args.units < 1) throw new Error(`MinimalGruCell: expected units to be a positive integer, but got ${args.units}`);
    if (!Number.isSafeInteger(args.seed)) throw new Error(`MinimalGruCell: expected seed to be an integer, but got ${args.seed}`);
    this.units = args.units;
    if (!Number.isFinite(args.forgetBias ?? 0)) throw new Error(`MinimalGruCell: expected forgetBias to be a finite number, but got ${args.forgetBias}`);
    this.seed = args.seed;
    this.forgetBias = args.forgetBias || 0; // −0 (from −b at b = 0) is stored as 0
    this.stateSize = args.units;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const inputs = shape.at(-1);
    if (typeof inputs !== 'number') throw new Error(`MinimalGruCell: expected a fixed input size, but got ${inputs}`);
    const u = this.units;
    this.kernel = this.addWeight('kernel', [inputs, 2 * u], 'float32', tf.initializers.glorotUniform({ seed: this.seed }));
    this.recurrentKernel = this.addWeight('recurrent_kernel', [u, 2 * u], 'float32', tf.initializers.orthogonal({ seed: this.seed + 1 }));
    const bias = [...new Array<number>(u).fill(this.forgetBias), ...new Array<number>(u).fill(0)];
    this.bias = this.addWeight('bias', [2 * u], 'float32', tf.initializers.zeros());
    tf.tidy(() => void this.bias!.write(tf.tensor1d(bias)));
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor[] {
    return tf.tidy(() => {
      if (!Array.isArray(inputs) || inputs.length !== 2) throw new Error(`MinimalGruCell: expected [x_t, h_{t−1}], but got ${Array.isArray(inputs) ? inputs.length : 1} tensor(s)`);
      const [x, hPrev] = inputs as [tf.Tensor2D, tf.Tensor2D];
      const u = this.units;
      const [wF, wH] = tf.split(this.kernel!.read(), [u, u], 1) as [tf.Tensor2D, tf.Tensor2D];
      const [uF, uH] = tf.split(this.recurrentKernel!.read(), [u, u], 1) as [tf.Tensor2D, tf.Tensor2D];
      const [bF, bH] = tf.split(this.bias!.read(), [u, u], 0);
      const f = tf.sigmoid(tf.add(tf.add(tf.matMul(x, wF), tf.matMul(hPrev, uF)), bF!));
      const candidate = tf.tanh(tf.add(tf.add(tf.matMul(x, wH), tf.matMul(tf.mul(f, hPrev) as tf.Tensor2D, uH)), bH!));
      const h = tf.add(tf.mul(tf.sub(1, f), hPrev), tf.mul(f, candidate));
      return [h, h];
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units, seed: this.seed, forgetBias: this.forgetBias };
  }
}
tf.serialization.registerClass(MinimalGruCell);

/**
 * Whether an RNN layer's cell is a MinimalGruCell. By class name, not `instanceof`: a second copy
 * of this module (a definition loaded from another path, as the diagrams CLI can) makes a second
 * class, and its cells would fail an instanceof test against this one.
 */
export function isMinimalGruCell(cell: unknown): cell is Pick<MinimalGruCell, 'units' | 'getClassName'> {
  return cell instanceof tf.layers.Layer && cell.getClassName() === MinimalGruCell.className && typeof (cell as { units?: unknown }).units === 'number';
}

export interface MinimalGruArgs extends MinimalGruCellArgs {
  readonly returnSequences?: boolean;
}

/**
 * A recurrent layer of minimal gated units: tfjs's generic RNN layer (class "RNN") running a
 * MinimalGruCell over the sequence, so masking, state handling and serialization are tfjs's own.
 */
export const minimalGru = (args: MinimalGruArgs): tf.layers.Layer =>
  tf.layers.rnn({
    cell: new MinimalGruCell({ units: args.units, seed: args.seed, forgetBias: args.forgetBias, name: args.name ? `${args.name}_cell` : undefined }),
    returnSequences: args.returnSequences ?? true,
    name: args.name,
  });
