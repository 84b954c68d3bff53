import * as tf from '@tensorflow/tfjs';

export interface ClassTokenArgs {
  /** Seed of the token's initial values (normal, standard deviation 0.02). */
  readonly seed: number;
  readonly name?: string;
}

/** Reads a layer's one input as a tensor [batch, tokens, features], refusing anything else. */
function tokensOf(inputs: tf.Tensor | tf.Tensor[], layer: string): tf.Tensor3D {
  const x = Array.isArray(inputs) ? inputs[0]! : inputs;
  if (x.rank !== 3) throw new Error(`${layer}: expected a tensor [batch, tokens, features], but got shape [${x.shape.join(', ')}]`);
  return x as tf.Tensor3D;
}

const shapeOf = (inputShape: tf.Shape | tf.Shape[]): tf.Shape => (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;

/**
 * A learned class token put in front of a sequence of tokens: [batch, n, d] → [batch, n + 1, d],
 * the first token the same trained vector for every input (Dosovitskiy et al., section 3.1, after
 * BERT's [class] token). It has no input of its own: whatever the network knows about the whole
 * image reaches it through attention, and the classifier reads only it. Its d values are
 * parameters, like a bias (torchvision's `class_token`, initialised there to zeros; here, as the
 * position embeddings, from a normal distribution of standard deviation 0.02, so a diagram of an
 * untrained network shows it).
 */
export class ClassToken extends tf.layers.Layer {
  static readonly className = 'ClassToken';
  readonly seed: number;
  private token!: tf.LayerVariable;

  constructor(args: ClassTokenArgs) {
    super({ name: args.name });
    if (!Number.isInteger(args.seed)) throw new Error(`ClassToken: expected seed to be an integer, but got ${args.seed}`);
    this.seed = args.seed;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const features = shapeOf(inputShape).at(-1);
    if (typeof features !== 'number') throw new Error(`ClassToken: expected a fixed feature size, but got ${features}`);
    // A vector, as a bias is stored: it is added, and connects no two cells (no weight matrix to draw).
    this.token = this.addWeight('token', [features], 'float32', tf.initializers.randomNormal({ mean: 0, stddev: 0.02, seed: this.seed }));
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = tokensOf(inputs, 'ClassToken');
      // Broadcast rather than tiled: a sum is all its gradient takes (tfjs differentiates a tile slice by slice).
      const token = tf.add(tf.zeros([x.shape[0], 1, x.shape[2]]), this.token.read());
      return tf.concat([token, x], 1);
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [batch, tokens, features] = shapeOf(inputShape);
    return [batch!, tokens === null || tokens === undefined ? null : tokens + 1, features!];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), seed: this.seed };
  }
}
tf.serialization.registerClass(ClassToken);

export const classToken = (args: ClassTokenArgs): ClassToken => new ClassToken(args);

/**
 * The class token's vector alone, [batch, tokens, d] → [batch, d]: token 0, where the classifier
 * reads (torchvision's `x[:, 0]`). No weights.
 */
export class ClassTokenReadout extends tf.layers.Layer {
  static readonly className = 'ClassTokenReadout';

  constructor(args: { name?: string } = {}) {
    super({ name: args.name });
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = tokensOf(inputs, 'ClassTokenReadout');
      return x.slice([0, 0, 0], [-1, 1, -1]).squeeze([1]);
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = shapeOf(inputShape);
    return [shape[0]!, shape.at(-1)!];
  }
}
tf.serialization.registerClass(ClassTokenReadout);

export const classTokenReadout = (name?: string): ClassTokenReadout => new ClassTokenReadout({ name });

/** Plain JavaScript: the class token put in front of each sequence of tokens. A reference for tests. */
export const classTokenReference = (tokens: readonly (readonly (readonly number[])[])[], token: readonly number[]): number[][][] =>
  tokens.map((sequence) => [[...token], ...sequence.map((t) => [...t])]);
