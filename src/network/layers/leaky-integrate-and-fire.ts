import * as tf from '@tensorflow/tfjs';

export interface LeakyIntegrateAndFireCellArgs {
  readonly units: number;
  /** Share of the membrane potential kept from one step to the next (e^(−Δt/τ)), in (0, 1]. */
  readonly leak: number;
  /** Potential at which a cell fires; the potential is then reset to 0. */
  readonly threshold: number;
  /** Steps a cell stays silent, clamped at 0, after it fires (an absolute refractory period). */
  readonly refractory: number;
  readonly name?: string;
}

/**
 * A population of leaky integrate-and-fire neurons as a tfjs RNN cell, one time step per call.
 * Its state per neuron k is the membrane potential v_k, the refractory steps left r_k, and the
 * spike s_k it sent at the step before. With input x_t, input weights W (`kernel`, [inputs × units])
 * and recurrent weights U (`recurrent_kernel`, [units × units]: U[j][k] is the synapse j → k):
 *
 *   refractory_k = r_k(t−1) > 0
 *   u_k          = leak · v_k(t−1) + Σ_i x_i(t) W[i][k] + Σ_j s_j(t−1) U[j][k]
 *   s_k(t)       = 1 if u_k ≥ threshold and not refractory_k, else 0
 *   v_k(t)       = 0 if s_k(t) = 1 or refractory_k, else u_k
 *   r_k(t)       = refractory if s_k(t) = 1, else max(r_k(t−1) − 1, 0)
 *
 * The output is the spikes s(t). Both weight matrices are fixed (not trainable): they are drawn
 * once and written with setWeights (src/network/liquid.ts); a zero entry is no synapse. Spikes are
 * a step function, so no gradient flows through the cell, and none is needed.
 *
 * It extends tf.layers.Layer, not tfjs's RNNCell (which the package does not export); tfjs's RNN
 * asks of a cell only `stateSize`, `build` and `call([x, ...states]) → [output, ...states]`.
 */
export class LeakyIntegrateAndFireCell extends tf.layers.Layer {
  static readonly className = 'LeakyIntegrateAndFireCell';
  readonly units: number;
  readonly leak: number;
  readonly threshold: number;
  readonly refractory: number;
  /** Membrane potentials, refractory steps left, last spikes. */
  readonly stateSize: number[];
  // Part of tfjs's RNNCell shape, which RNN resets between batches; this cell has no dropout.
  declare dropoutMask: tf.Tensor | tf.Tensor[];
  declare recurrentDropoutMask: tf.Tensor | tf.Tensor[];
  private kernel?: tf.LayerVariable;
  private recurrentKernel?: tf.LayerVariable;

  constructor(args: LeakyIntegrateAndFireCellArgs) {
    super({ name: args.name, trainable: false });
    if (!Number.isInteger(args.units) || args.units < 1) throw new Error(`LeakyIntegrateAndFireCell: expected units to be a positive integer, but got ${args.units}`);
    if (!(args.leak > 0 && args.leak <= 1)) throw new Error(`LeakyIntegrateAndFireCell: expected leak in (0, 1], but got ${args.leak}`);
    if (!(args.threshold > 0 && Number.isFinite(args.threshold))) throw new Error(`LeakyIntegrateAndFireCell: expected threshold to be a finite number > 0, but got ${args.threshold}`);
    if (!Number.isInteger(args.refractory) || args.refractory < 0) throw new Error(`LeakyIntegrateAndFireCell: expected refractory to be an integer ≥ 0, but got ${args.refractory}`);
    this.units = args.units;
    this.leak = args.leak;
    this.threshold = args.threshold;
    this.refractory = args.refractory;
    this.stateSize = [args.units, args.units, args.units];
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const inputs = shape.at(-1);
    if (typeof inputs !== 'number') throw new Error(`LeakyIntegrateAndFireCell: expected a fixed input size, but got ${inputs}`);
    // Zeros until the liquid's fixed random synapses are written; never trained.
    this.kernel = this.addWeight('kernel', [inputs, this.units], 'float32', tf.initializers.zeros(), undefined, false);
    this.recurrentKernel = this.addWeight('recurrent_kernel', [this.units, this.units], 'float32', tf.initializers.zeros(), undefined, false);
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor[] {
    return tf.tidy(() => {
      if (!Array.isArray(inputs) || inputs.length !== 4)
        throw new Error(`LeakyIntegrateAndFireCell: expected [x_t, v, r, s] (input, potentials, refractory steps, spikes), but got ${Array.isArray(inputs) ? inputs.length : 1} tensor(s)`);
      const [x, v, r, s] = inputs as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
      const current = tf.add(tf.matMul(x, this.kernel!.read() as tf.Tensor2D), tf.matMul(s, this.recurrentKernel!.read() as tf.Tensor2D));
      const potential = tf.add(tf.mul(v, this.leak), current);
      // 0/1 masks by arithmetic: comparisons pass a zero gradient on, logical ops none at all.
      const ready = tf.cast(tf.greaterEqual(0, r), 'float32');
      const spikes = tf.mul(tf.cast(tf.greaterEqual(potential, this.threshold), 'float32'), ready);
      const nextV = tf.mul(potential, tf.mul(ready, tf.sub(1, spikes)));
      const nextR = tf.add(tf.mul(spikes, this.refractory), tf.mul(tf.sub(1, spikes), tf.relu(tf.sub(r, 1))));
      return [spikes, nextV, nextR, spikes];
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units, leak: this.leak, threshold: this.threshold, refractory: this.refractory };
  }
}
tf.serialization.registerClass(LeakyIntegrateAndFireCell);

/**
 * A spiking liquid: tfjs's RNN running a LeakyIntegrateAndFireCell over the sequence and returning
 * the spikes of every step, under a class name of its own so the graph tracer knows what it reads
 * (src/graph/tracers/liquid.ts). Not trainable: its synapses are fixed.
 */
export class SpikingLiquid extends tf.RNN {
  static override readonly className = 'SpikingLiquid';

  /** tfjs's RNN writes its cell into the config only under the class name "RNN"; without it a saved liquid would not load. */
  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), cell: { className: this.cell.getClassName(), config: this.cell.getConfig() } };
  }
}
tf.serialization.registerClass(SpikingLiquid);

export const spikingLiquid = (args: LeakyIntegrateAndFireCellArgs): SpikingLiquid =>
  new SpikingLiquid({
    cell: new LeakyIntegrateAndFireCell({ ...args, name: args.name ? `${args.name}_cell` : undefined }),
    returnSequences: true,
    trainable: false,
    name: args.name,
  });
