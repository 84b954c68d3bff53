import * as tf from '@tensorflow/tfjs';
import { createRandom } from '../numerics/random';

/**
 * How generation uses the layer's matrix W on the way back down, which is what makes its
 * connections symmetric or not:
 * - `gibbs`: an RBM (on its own, or the top two layers of a deep belief net). Sampling alternates
 *   between the two groups, up through W and down through Wᵀ, for as many steps as it is run: one
 *   undirected weight per pair.
 * - `top-down`: a lower layer of a deep belief net. The input is recognised upwards through W; a
 *   sample is generated downwards once, through the same matrix transposed (tied weights), with no
 *   Gibbs alternation: the generative model there is directed.
 */
export type Generation = 'gibbs' | 'top-down';

export interface RestrictedBoltzmannArgs {
  /** Hidden units. */
  readonly units: number;
  readonly generation?: Generation;
  /** Seed of the random starting weights and of the uniform numbers the hidden samples are drawn with. */
  readonly seed?: number;
  readonly name?: string;
  readonly trainable?: boolean;
}

/** Starting weights: normal with standard deviation 0.01 (Hinton's practical guide), biases 0. */
const INITIAL_SCALE = 0.01;

/**
 * A restricted Boltzmann machine as a layer: binary stochastic visible units (its input) and
 * `units` binary stochastic hidden units (its output), joined by one matrix `kernel` W
 * [visible × hidden] and nothing else: no visible–visible and no hidden–hidden weights. With
 * biases b (`visible_bias`) and c (`hidden_bias`) the energy of a joint state is
 * E(v, h) = −b·v − c·h − vᵀWh, and both conditionals factorise:
 * p(hⱼ = 1 | v) = σ(cⱼ + Σᵢ vᵢWᵢⱼ) and p(vᵢ = 1 | h) = σ(bᵢ + Σⱼ Wᵢⱼhⱼ), the same W read both ways.
 *
 * `call` is the upward half of one Gibbs step: it draws h ∼ p(h | v) as 0s and 1s, comparing the
 * probabilities with uniform numbers from `seed` (the same numbers on every call, so diagrams and
 * tests are deterministic). The sample has no gradient of its own; the layer passes p's gradient
 * through it (straight-through), so it depends on v exactly where a weight joins them. Training
 * (contrastive divergence, src/network/rbm.ts) writes the weights directly.
 */
export class RestrictedBoltzmann extends tf.layers.Layer {
  static readonly className = 'RestrictedBoltzmann';
  readonly units: number;
  readonly generation: Generation;
  readonly seed: number;
  private kernel?: tf.LayerVariable;
  private visibleBias?: tf.LayerVariable;
  private hiddenBias?: tf.LayerVariable;

  constructor(args: RestrictedBoltzmannArgs) {
    super({ name: args.name, trainable: args.trainable });
    if (!Number.isInteger(args.units) || args.units < 1) throw new Error(`RestrictedBoltzmann: expected units to be a positive integer, but got ${args.units}`);
    this.units = args.units;
    this.generation = args.generation ?? 'gibbs';
    this.seed = args.seed ?? 1;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const visible = shape.at(-1);
    if (typeof visible !== 'number') throw new Error(`RestrictedBoltzmann: expected a fixed number of visible units, but got ${visible}`);
    this.kernel = this.addWeight('kernel', [visible, this.units], 'float32', tf.initializers.zeros());
    this.visibleBias = this.addWeight('visible_bias', [visible], 'float32', tf.initializers.zeros());
    this.hiddenBias = this.addWeight('hidden_bias', [this.units], 'float32', tf.initializers.zeros());
    // Our seeded generator, not a tfjs initialiser: the same numbers on every platform.
    const random = createRandom(this.seed);
    const start = Float32Array.from({ length: visible * this.units }, () => INITIAL_SCALE * random.normal());
    tf.tidy(() => void this.kernel!.write(tf.tensor2d(start, [visible, this.units])));
    this.built = true;
  }

  /** p(h = 1 | v) for each row of v: σ(vW + c). */
  hiddenProbabilities(v: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => tf.sigmoid(tf.add(tf.matMul(v, this.kernel!.read() as tf.Tensor2D), this.hiddenBias!.read())) as tf.Tensor2D);
  }

  /** p(v = 1 | h) for each row of h: σ(hWᵀ + b), through the same matrix as the upward pass. */
  visibleProbabilities(h: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => tf.sigmoid(tf.add(tf.matMul(h, this.kernel!.read() as tf.Tensor2D, false, true), this.visibleBias!.read())) as tf.Tensor2D);
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const v = (Array.isArray(inputs) ? inputs[0]! : inputs) as tf.Tensor2D;
      const p = this.hiddenProbabilities(v);
      const noise = tf.randomUniform(p.shape, 0, 1, 'float32', this.seed);
      return drawn(p, noise);
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [...shape.slice(0, -1), this.units];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units, generation: this.generation, seed: this.seed };
  }
}
tf.serialization.registerClass(RestrictedBoltzmann);

export const restrictedBoltzmann = (args: RestrictedBoltzmannArgs): RestrictedBoltzmann => new RestrictedBoltzmann(args);

/** 1 where the uniform number is below the probability, else 0; the gradient passes to p as if the sample were p (straight-through). */
const drawn = tf.customGrad((...inputs) => {
  const [p, noise] = inputs as [tf.Tensor, tf.Tensor];
  return { value: tf.cast(tf.less(noise, p), 'float32'), gradFunc: (dy: tf.Tensor) => [dy, tf.zerosLike(noise)] };
}) as (p: tf.Tensor, noise: tf.Tensor) => tf.Tensor;
