import * as tf from '@tensorflow/tfjs';

/**
 * What a GAN's discriminator reads: for each row, the generated sample and a real one, side by side
 * on a new axis ([batch, 2, features]: index 0 generated, 1 real). Layers after it (Dense) act on the
 * last axis, so the discriminator judges both with the same weights, and the model's output is its
 * verdict on each: exactly the two halves of its training signal. No weights: real data enters where
 * the generator's samples do, as it is.
 */
export class RealOrGenerated extends tf.layers.Layer {
  static readonly className = 'RealOrGenerated';

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    if (!Array.isArray(inputs) || inputs.length !== 2)
      throw new Error(`layer "${this.name}" (RealOrGenerated): expected two inputs [generated, real], but got ${Array.isArray(inputs) ? inputs.length : 1}`);
    return tf.stack(inputs, 1);
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shapes = inputShape as tf.Shape[];
    const [generated, real] = shapes;
    if (shapes.length !== 2 || !generated || !real || generated.at(-1) !== real.at(-1))
      throw new Error(`layer "${this.name}" (RealOrGenerated): expected a generated and a real sample of one size, but got ${JSON.stringify(inputShape)}`);
    return [generated[0]!, 2, ...generated.slice(1)];
  }
}
tf.serialization.registerClass(RealOrGenerated);

export const realOrGenerated = (name: string): RealOrGenerated => new RealOrGenerated({ name });
