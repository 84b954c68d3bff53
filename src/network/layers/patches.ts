import * as tf from '@tensorflow/tfjs';

export interface PatchesArgs {
  /** Side of the square patches, which must divide the image's height and width. */
  readonly patch: number;
  readonly name?: string;
}

const shapeOf = (inputShape: tf.Shape | tf.Shape[]): tf.Shape => (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;

/**
 * Cuts images into square patches and flattens each: [batch, H, W, C] → [batch, (H/p)·(W/p), p·p·C],
 * patches numbered row by row, each patch's values row by row, channels last (Dosovitskiy et al.,
 * section 3.1: x_p, the sequence of flattened patches). No weights. A dense layer on its output is
 * the paper's patch embedding E; torchvision computes the same thing as a convolution whose kernel
 * and stride are both p. Done with a reshape and a transpose, whose gradients every tfjs backend has
 * (the WebAssembly backend has no gradient for a convolution's kernel).
 */
export class Patches extends tf.layers.Layer {
  static readonly className = 'Patches';
  readonly patch: number;

  constructor(args: PatchesArgs) {
    super({ name: args.name });
    if (!Number.isInteger(args.patch) || args.patch < 1) throw new Error(`Patches: expected patch to be a positive integer, but got ${args.patch}`);
    this.patch = args.patch;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0]! : inputs;
      if (x.rank !== 4) throw new Error(`Patches: expected images [batch, height, width, channels], but got shape [${x.shape.join(', ')}]`);
      const [batch, height, width, channels] = x.shape as [number, number, number, number];
      const p = this.patch;
      const blocks = tf.reshape(x, [batch, height / p, p, width / p, p, channels]);
      return tf.reshape(tf.transpose(blocks, [0, 1, 3, 2, 4, 5]), [batch, (height / p) * (width / p), p * p * channels]);
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [batch, height, width, channels] = shapeOf(inputShape);
    if (typeof height !== 'number' || typeof width !== 'number' || typeof channels !== 'number')
      throw new Error(`Patches: expected a fixed image size, but got [${height}, ${width}, ${channels}]`);
    if (height % this.patch !== 0 || width % this.patch !== 0) throw new Error(`Patches: expected the patch side ${this.patch} to divide the image's ${height}×${width}`);
    return [batch ?? null, (height / this.patch) * (width / this.patch), this.patch * this.patch * channels];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), patch: this.patch };
  }
}
tf.serialization.registerClass(Patches);

export const patches = (args: PatchesArgs): Patches => new Patches(args);

/** Plain JavaScript: one image (values row by row, channels last) as its flattened patches. A reference for tests. */
export function patchesReference(image: ArrayLike<number>, [height, width, channels]: readonly [number, number, number], p: number): number[][] {
  const out: number[][] = [];
  for (let pr = 0; pr < height / p; pr++)
    for (let pc = 0; pc < width / p; pc++) {
      const patch: number[] = [];
      for (let r = 0; r < p; r++) for (let c = 0; c < p; c++) for (let k = 0; k < channels; k++) patch.push(image[((pr * p + r) * width + pc * p + c) * channels + k]!);
      out.push(patch);
    }
  return out;
}
