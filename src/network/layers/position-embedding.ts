import * as tf from '@tensorflow/tfjs';

export interface PositionEmbeddingArgs {
  /** Seed of the initial values (normal, standard deviation 0.02, as torchvision initialises `pos_embedding`). */
  readonly seed: number;
  readonly name?: string;
}

const shapeOf = (inputShape: tf.Shape | tf.Shape[]): tf.Shape => (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;

/**
 * Learned position embeddings, added: [batch, n, d] + E, where E is a trained [n, d] matrix, one
 * row per position (Dosovitskiy et al., equation 1: E_pos). Without them a transformer encoder
 * cannot tell one position from another: permute the patch tokens and every token's output is
 * permuted the same way, so the class token's does not change at all. The sequence length is fixed
 * when the layer is built.
 */
export class PositionEmbedding extends tf.layers.Layer {
  static readonly className = 'PositionEmbedding';
  readonly seed: number;
  private embedding!: tf.LayerVariable;
  private shape: [number, number] = [0, 0];

  constructor(args: PositionEmbeddingArgs) {
    super({ name: args.name });
    if (!Number.isInteger(args.seed)) throw new Error(`PositionEmbedding: expected seed to be an integer, but got ${args.seed}`);
    this.seed = args.seed;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const [, tokens, features] = shapeOf(inputShape);
    if (typeof tokens !== 'number' || typeof features !== 'number')
      throw new Error(`PositionEmbedding: expected a fixed number of tokens and features, but got [${tokens}, ${features}]`);
    // Stored flat, row by row, as a bias is: it is added, one value per cell of each position, and
    // connects no two cells (no weight matrix to draw).
    this.embedding = this.addWeight('embedding', [tokens * features], 'float32', tf.initializers.randomNormal({ mean: 0, stddev: 0.02, seed: this.seed }));
    this.shape = [tokens, features];
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0]! : inputs;
      return tf.add(x, tf.reshape(this.embedding.read(), this.shape));
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return shapeOf(inputShape);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), seed: this.seed };
  }
}
tf.serialization.registerClass(PositionEmbedding);

export const positionEmbedding = (args: PositionEmbeddingArgs): PositionEmbedding => new PositionEmbedding(args);

/** Plain JavaScript: each token plus its position's row of E. A reference for tests. */
export const positionEmbeddingReference = (tokens: readonly (readonly (readonly number[])[])[], embedding: readonly (readonly number[])[]): number[][][] =>
  tokens.map((sequence) => sequence.map((t, p) => t.map((v, k) => v + embedding[p]![k]!)));
