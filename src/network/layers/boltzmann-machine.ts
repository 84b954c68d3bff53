import * as tf from '@tensorflow/tfjs';
import { createRandom } from '../numerics/random';

export interface BoltzmannMachineArgs {
  /** Hidden units: the layer's own cells, updated after the visible units it reads. */
  readonly hidden: number;
  /** T: a unit turns on with probability σ(ΔEᵢ / T). */
  readonly temperature: number;
  /** Seed of the starting weights and of the uniform numbers each call draws its samples with. */
  readonly seed?: number;
  readonly name?: string;
}

/**
 * A Boltzmann machine (Ackley, Hinton & Sejnowski 1985) as a layer. Its units are the `visible` units
 * it reads (the model's input: a data vector clamped onto them) followed by its own `hidden` units;
 * every pair of units shares one symmetric weight, visible with visible, visible with hidden and
 * hidden with hidden, and no unit is joined to itself.
 *
 * - `weights` [n × n], n = visible + hidden, strictly upper triangular: entry [i][j], i < j, is the
 *   one weight wᵢⱼ = wⱼᵢ between units i and j. The machine runs with W = U + Uᵀ, so W is symmetric
 *   with a zero diagonal by construction, and each pair is one parameter, stored once.
 * - `biases` [n]: each unit's bias (the weight from an always-on unit).
 *
 * `call` performs one clamped Gibbs sweep at temperature T: with the visible units held at the
 * input, each hidden unit k in turn (in index order, reading the new values of the hidden units
 * before it and 0 for those after it, which start off) turns on with probability σ(ΔEₖ / T), where
 * ΔEₖ = Σⱼ W[j][k] sⱼ + bₖ is how much the energy falls when it does. The uniform numbers come from
 * `seed`, the same on every call, so a sweep is reproducible. It returns the hidden states (0 or 1).
 *
 * Sampling with the visible units free, annealing and learning read the same two weights and run
 * in plain JavaScript (src/network/boltzmann.ts); learning writes them back.
 */
export class BoltzmannMachine extends tf.layers.Layer {
  static readonly className = 'BoltzmannMachine';
  readonly hidden: number;
  readonly temperature: number;
  readonly seed: number;
  visible = 0;
  private weightsVariable?: tf.LayerVariable;
  private biasesVariable?: tf.LayerVariable;

  constructor(args: BoltzmannMachineArgs) {
    super({ name: args.name });
    if (!Number.isInteger(args.hidden) || args.hidden < 1) throw new Error(`BoltzmannMachine: expected hidden to be a positive integer, but got ${args.hidden}`);
    if (!(args.temperature > 0) || !Number.isFinite(args.temperature))
      throw new Error(`BoltzmannMachine: expected temperature to be a finite number > 0, but got ${args.temperature}`);
    this.hidden = args.hidden;
    this.temperature = args.temperature;
    this.seed = args.seed ?? 1;
  }

  get units(): number {
    return this.visible + this.hidden;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const visible = shape.at(-1);
    if (typeof visible !== 'number') throw new Error(`BoltzmannMachine: expected a fixed number of visible units, but got ${visible}`);
    this.visible = visible;
    const n = this.units;
    this.weightsVariable = this.addWeight('weights', [n, n], 'float32', tf.initializers.zeros());
    this.biasesVariable = this.addWeight('biases', [n], 'float32', tf.initializers.zeros());
    tf.tidy(() => void this.weightsVariable!.write(tf.tensor2d(upperStart(n, this.seed), [n, n])));
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const v = (Array.isArray(inputs) ? inputs[0]! : inputs) as tf.Tensor2D;
      const upper = this.weightsVariable!.read() as tf.Tensor2D;
      const w = tf.add(upper, tf.transpose(upper)) as tf.Tensor2D;
      const b = this.biasesVariable!.read() as tf.Tensor1D;
      const batch = v.shape[0];
      const uniforms = tf.randomUniform([batch, this.hidden], 0, 1, 'float32', this.seed);
      // Field from the clamped visible units into every hidden unit: v · W[visible rows, hidden columns] + b.
      const fromVisible = tf.add(tf.matMul(v, w.slice([0, this.visible], [this.visible, this.hidden])), b.slice(this.visible, this.hidden));
      const states: tf.Tensor[] = [];
      for (let k = 0; k < this.hidden; k++) {
        let field = fromVisible.slice([0, k], [batch, 1]);
        // The hidden units already updated in this sweep; those after k are still off and add nothing.
        if (k > 0) field = tf.add(field, tf.matMul(tf.concat(states, 1), w.slice([this.visible, this.visible + k], [k, 1])));
        const p = tf.sigmoid(tf.div(field, this.temperature));
        states.push(tf.cast(tf.greaterEqual(p, uniforms.slice([0, k], [batch, 1])), 'float32'));
      }
      return tf.concat(states, 1);
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [...shape.slice(0, -1), this.hidden];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), hidden: this.hidden, temperature: this.temperature, seed: this.seed };
  }
}
tf.serialization.registerClass(BoltzmannMachine);

export const boltzmannMachine = (args: BoltzmannMachineArgs): BoltzmannMachine => new BoltzmannMachine(args);

/** Starting weights: above the diagonal, each pair uniform in [−1, 1) from `seed`; 0 on and below it; row-major. */
export function upperStart(n: number, seed: number): Float32Array {
  const random = createRandom(seed);
  const w = new Float32Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) w[i * n + j] = random.uniform(-1, 1);
  return w;
}
