import * as tf from '@tensorflow/tfjs';
import { squash } from './squash';

export interface CapsuleRoutingConfig {
  /** Parent capsules (e.g. one per class). */
  readonly capsules: number;
  /** Length of each parent capsule's vector. */
  readonly dim: number;
  /** Rounds of routing by agreement; the paper uses 3. */
  readonly iterations: number;
  readonly seed?: number;
  readonly name?: string;
}

/** What one routing pass produces: the parent capsules and the coupling coefficients it settled on. */
export interface Routed {
  /** [batch, parents, dim]: squashed parent capsules. */
  readonly outputs: tf.Tensor3D;
  /** [batch, children, parents]: c_ij, each child's softmax over its parents (rows sum to 1). */
  readonly coefficients: tf.Tensor3D;
}

/**
 * Dynamic routing between capsules (Sabour, Frosst & Hinton 2017). Each child capsule i predicts each
 * parent j as û_j|i = W_ij u_i, with a trained matrix W_ij of shape [dim, childDim]. The coupling
 * coefficients c_ij are not weights: they start equal, and are recomputed for every input by
 * `iterations` rounds of agreement (b_ij += û_j|i · v_j). Input [batch, children, childDim] →
 * output [batch, parents, dim].
 */
export class CapsuleRouting extends tf.layers.Layer {
  static readonly className = 'CapsuleRouting';
  readonly capsules: number;
  readonly dim: number;
  readonly iterations: number;
  readonly seed: number | undefined;
  private transform?: tf.LayerVariable;

  constructor(config: CapsuleRoutingConfig) {
    super({ name: config.name });
    for (const key of ['capsules', 'dim', 'iterations'] as const)
      if (!Number.isInteger(config[key]) || config[key] < 1) throw new Error(`Expected ${key} to be a positive integer, but got ${config[key]}.`);
    this.capsules = config.capsules;
    this.dim = config.dim;
    this.iterations = config.iterations;
    this.seed = config.seed;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const [children, childDim] = [shape[1], shape[2]];
    if (typeof children !== 'number' || typeof childDim !== 'number')
      throw new Error(`layer "${this.name}": expected input [batch, children, childDim] with fixed sizes, but got [${shape.join(', ')}]`);
    // W_ij for every child i and parent j, scaled so a prediction starts with roughly unit variance.
    const initializer = tf.initializers.randomNormal({ mean: 0, stddev: 1 / Math.sqrt(childDim), seed: this.seed });
    this.transform = this.addWeight('transform', [children, this.capsules, this.dim, childDim], 'float32', initializer);
    this.built = true;
  }

  /** û[b, i, j, :] = W_ij u[b, i, :]: every child's prediction of every parent. */
  predictions(u: tf.Tensor3D): tf.Tensor4D {
    return tf.tidy(() => {
      const [children, parents, dim, childDim] = this.transform!.shape as [number, number, number, number];
      const w = tf.reshape(this.transform!.read(), [children, parents * dim, childDim]) as tf.Tensor3D;
      const perChild = tf.transpose(u, [1, 2, 0]) as tf.Tensor3D; // [children, childDim, batch]
      const uHat = tf.matMul(w, perChild); // [children, parents·dim, batch]
      return tf.reshape(tf.transpose(uHat, [2, 0, 1]), [-1, children, parents, dim]) as tf.Tensor4D;
    });
  }

  /** The routing itself, returning the coupling coefficients of the last round along with the parents. */
  route(u: tf.Tensor3D): Routed {
    return tf.tidy(() => {
      const uHat = this.predictions(u);
      let logits: tf.Tensor = tf.zeros([uHat.shape[0], uHat.shape[1], uHat.shape[2]]);
      let coefficients = tf.softmax(logits, -1);
      let outputs = squash(tf.sum(tf.mul(tf.expandDims(coefficients, -1), uHat), 1));
      for (let round = 1; round < this.iterations; round++) {
        // Agreement: how well each child's prediction points along the parent it helped make.
        logits = tf.add(logits, tf.sum(tf.mul(uHat, tf.expandDims(outputs, 1)), -1));
        coefficients = tf.softmax(logits, -1);
        outputs = squash(tf.sum(tf.mul(tf.expandDims(coefficients, -1), uHat), 1));
      }
      return { outputs: outputs as tf.Tensor3D, coefficients: coefficients as tf.Tensor3D };
    });
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const u = (Array.isArray(inputs) ? inputs[0]! : inputs) as tf.Tensor3D;
    const { outputs, coefficients } = this.route(u);
    coefficients.dispose();
    return outputs;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [shape[0] ?? null, this.capsules, this.dim];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), capsules: this.capsules, dim: this.dim, iterations: this.iterations, ...(this.seed === undefined ? {} : { seed: this.seed }) };
  }
}
tf.serialization.registerClass(CapsuleRouting);
