import * as tf from '@tensorflow/tfjs';

/**
 * The sinusoidal position code of Vaswani et al. (section 3.5): for position p and unit k of d,
 * PE(p, 2i) = sin(p / 10000^(2i/d)), PE(p, 2i+1) = cos(p / 10000^(2i/d)). Fixed: computed, never
 * trained, and no parameter of the model.
 */
export function positionCode(positions: number, units: number): number[][] {
  return Array.from({ length: positions }, (_, p) =>
    Array.from({ length: units }, (_, k) => {
      const angle = p / 10000 ** ((2 * Math.floor(k / 2)) / units);
      return k % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }),
  );
}

export interface TokenEmbeddingArgs {
  /** Symbols of the vocabulary: the width of the one-hot input. */
  readonly vocabulary: number;
  /** d_model: the width of each embedding. */
  readonly units: number;
  readonly seed: number;
  /** The layer whose matrix this one reads instead of owning one (weight sharing, section 3.4). */
  readonly tiedTo?: string;
  readonly name?: string;
}

interface EmbeddingOwner extends tf.layers.Layer {
  readonly matrix: tf.LayerVariable;
}

/**
 * A layer name as tfjs's loader gives back a string of a saved config: it camel-cases every one but
 * the layer's own name (convertPythonicToTs), so a saved `tiedTo: "source_embedding"` loads as
 * "sourceEmbedding".
 */
const asLoaded = (name: string): string => name.replace(/_+(\w|$)/g, (_, c: string) => c.toUpperCase());

/** Whatever reads a shared embedding matrix: a tied embedding, a tied softmax. */
abstract class ReadsEmbedding extends tf.layers.Layer {
  /** Set to the owner's own name when linked (after loading, it may be the camel-cased form: see `asLoaded`). */
  tiedTo?: string;
  private owner?: EmbeddingOwner;

  constructor(args: { name?: string; tiedTo?: string }, owner?: EmbeddingOwner) {
    super({ name: args.name });
    this.tiedTo = args.tiedTo ?? owner?.name;
    this.owner = owner;
  }

  /** Points a tied layer at the layer owning its matrix (after a JSON round trip: see `linkTiedEmbeddings`). */
  link(owner: EmbeddingOwner): void {
    if (owner.name !== this.tiedTo && asLoaded(owner.name) !== this.tiedTo) throw new Error(`${this.getClassName()} "${this.name}": tied to "${this.tiedTo}", not "${owner.name}"`);
    this.tiedTo = owner.name;
    this.owner = owner;
  }

  /** The shared matrix E (vocabulary × d_model). */
  protected shared(): tf.Tensor2D {
    if (!this.owner) throw new Error(`${this.getClassName()} "${this.name}": not linked to "${this.tiedTo}" (call linkTiedEmbeddings(model))`);
    return this.owner.matrix.read() as tf.Tensor2D;
  }

  /**
   * Every weight the layer computes with, its own or read from the layer it is tied to: what the
   * tracer reads and a dependency check zeroes. It owns none (trainableWeights and
   * nonTrainableWeights stay empty), so the model counts the shared matrix once, at its owner.
   */
  override get weights(): tf.LayerVariable[] {
    return this.owner && this.owner !== (this as unknown) ? [this.owner.matrix] : super.weights;
  }

  /** A tied layer disposes nothing: the shared matrix is its owner's to dispose. */
  protected override disposeWeights(): number {
    return this.tiedTo && this.tiedTo !== this.name ? 0 : super.disposeWeights();
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), ...(this.tiedTo ? { tiedTo: this.tiedTo } : {}) };
  }
}

/**
 * Token embedding for one-hot symbols (batch, T, vocabulary) → (batch, T, d_model):
 * x E · √d_model + PE(position) (section 3.4 scales the embedding by √d_model; section 3.5 adds the
 * fixed sinusoidal code). Owns E, or, with `tiedTo`, reads the matrix of the embedding it names.
 */
export class TokenEmbedding extends ReadsEmbedding implements EmbeddingOwner {
  static readonly className = 'TokenEmbedding';
  readonly vocabulary: number;
  readonly units: number;
  readonly seed: number;
  private own?: tf.LayerVariable;

  constructor(args: TokenEmbeddingArgs, owner?: TokenEmbedding) {
    super(args, owner);
    this.vocabulary = args.vocabulary;
    this.units = args.units;
    this.seed = args.seed;
  }

  get matrix(): tf.LayerVariable {
    if (!this.own) throw new Error(`TokenEmbedding "${this.name}": owns no matrix${this.tiedTo ? ` (tied to "${this.tiedTo}")` : ' (not built)'}`);
    return this.own;
  }

  override build(): void {
    // A normal initialiser with standard deviation d^−1/2, so that the √d scaling gives unit-sized embeddings.
    if (!this.tiedTo) this.own = this.addWeight('embeddings', [this.vocabulary, this.units], 'float32', tf.initializers.randomNormal({ mean: 0, stddev: 1 / Math.sqrt(this.units), seed: this.seed }));
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0]! : inputs) as tf.Tensor3D;
      const [batch, positions, vocabulary] = x.shape;
      const matrix = this.tiedTo ? this.shared() : (this.matrix.read() as tf.Tensor2D);
      const embedded = tf.reshape(tf.matMul(tf.reshape(x, [batch * positions, vocabulary]), matrix), [batch, positions, this.units]);
      return tf.add(tf.mul(embedded, Math.sqrt(this.units)), tf.tensor2d(positionCode(positions, this.units)));
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = inputShape as tf.Shape;
    if (shape.length !== 3 || shape[2] !== this.vocabulary) throw new Error(`TokenEmbedding: expected one-hot input [batch, positions, ${this.vocabulary}], but got [${shape.join(', ')}]`);
    return [shape[0] ?? null, shape[1] ?? null, this.units];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), vocabulary: this.vocabulary, units: this.units, seed: this.seed };
  }
}
tf.serialization.registerClass(TokenEmbedding);

/**
 * The pre-softmax linear transformation with the embedding's own matrix (section 3.4):
 * (batch, T, d_model) → softmax(h Eᵀ) over the vocabulary. No weight of its own, no bias.
 */
export class TiedSoftmax extends ReadsEmbedding {
  static readonly className = 'TiedSoftmax';
  readonly vocabulary: number;

  constructor(args: { vocabulary: number; tiedTo?: string; name?: string }, owner?: TokenEmbedding) {
    super(args, owner);
    this.vocabulary = args.vocabulary;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const h = (Array.isArray(inputs) ? inputs[0]! : inputs) as tf.Tensor3D;
      const [batch, positions, units] = h.shape;
      const logits = tf.matMul(tf.reshape(h, [batch * positions, units]), this.shared(), false, true);
      return tf.reshape(tf.softmax(logits, -1), [batch, positions, this.vocabulary]);
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = inputShape as tf.Shape;
    return [shape[0] ?? null, shape[1] ?? null, this.vocabulary];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), vocabulary: this.vocabulary };
  }
}
tf.serialization.registerClass(TiedSoftmax);

/** After a JSON round trip, points every tied layer of `model` at the embedding it names. */
export function linkTiedEmbeddings(model: tf.LayersModel): void {
  for (const layer of model.layers)
    if (layer instanceof ReadsEmbedding && layer.tiedTo && layer.name !== layer.tiedTo) {
      const tiedTo = layer.tiedTo;
      const owner = model.layers.find((l) => l.name === tiedTo) ?? model.layers.find((l) => asLoaded(l.name) === tiedTo) ?? model.getLayer(tiedTo);
      layer.link(owner as TokenEmbedding);
    }
}

/** Plain JavaScript, float64: one sequence of symbols → x E √d + PE. A reference for tests. */
export function tokenEmbeddingReference(symbols: readonly number[], matrix: readonly (readonly number[])[]): number[][] {
  const units = matrix[0]!.length;
  const code = positionCode(symbols.length, units);
  return symbols.map((s, p) => matrix[s]!.map((e, k) => e * Math.sqrt(units) + code[p]![k]!));
}

/** Plain JavaScript, float64: one position's softmax(h Eᵀ). A reference for tests. */
export function tiedSoftmaxReference(h: readonly number[], matrix: readonly (readonly number[])[]): number[] {
  const logits = matrix.map((row) => row.reduce((s, e, k) => s + e * h[k]!, 0));
  const top = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - top));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}
