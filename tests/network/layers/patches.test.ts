import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Patches, patches, patchesReference } from '../../../src/network/layers/patches';

describe('Patches layer', () => {
  it('cuts images into flattened square patches, row by row, as the plain-JavaScript reference does', () => {
    const shape = [4, 6, 2] as const;
    const images = [0, 1].map((n) => Array.from({ length: 48 }, (_, i) => n * 100 + i));
    const input = tf.input({ shape: [...shape] });
    const model = tf.model({ inputs: input, outputs: patches({ patch: 2, name: 'patches' }).apply(input) as tf.SymbolicTensor });
    expect(model.outputs[0]!.shape).toEqual([null, 6, 8]);
    expect(model.countParams()).toBe(0);
    const ours = tf.tidy(() => (model.predict(tf.tensor(images.flat(), [2, ...shape])) as tf.Tensor).arraySync() as number[][][]);
    images.forEach((image, n) => expect(ours[n]).toEqual(patchesReference(image, shape, 2)));
    // The second patch of the first row: columns 2–3 of rows 0–1, both channels.
    expect(ours[0]![1]).toEqual([4, 5, 6, 7, 16, 17, 18, 19]);
    model.dispose();
  });

  it('passes each pixel’s gradient back to it, and survives serialization through modelFromJSON', async () => {
    const layer = patches({ patch: 2 });
    const x = tf.randomNormal([2, 4, 4, 1], 0, 1, 'float32', 3);
    const w = tf.randomNormal([2, 4, 4], 0, 1, 'float32', 4);
    // ∂(Σ w ⊙ patches(x))/∂x puts each weight back on the pixel it multiplied.
    const dx = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(layer.apply(input) as tf.Tensor, w)))(x);
    const back = Array.from(dx.dataSync());
    const weights = w.arraySync() as number[][][];
    const expected = [0, 1].flatMap((n) => {
      const image = new Array<number>(16);
      patchesReference(Array.from({ length: 16 }, (_, i) => i), [4, 4, 1], 2).forEach((patch, p) => patch.forEach((pixel, k) => (image[pixel] = weights[n]![p]![k]!)));
      return image;
    });
    back.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
    const input = tf.input({ shape: [4, 4, 1] });
    const model = tf.model({ inputs: input, outputs: patches({ patch: 2, name: 'cut' }).apply(input) as tf.SymbolicTensor });
    const copy = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) as tf.io.ModelJSON['modelTopology'] });
    expect(copy.getLayer('cut')).toBeInstanceOf(Patches);
    expect((copy.getLayer('cut') as Patches).patch).toBe(2);
    tf.dispose([x, w, dx]);
    model.dispose();
    copy.dispose();
    expect(() => patches({ patch: 0 })).toThrow(/patch to be a positive integer, but got 0/);
    expect(() => patches({ patch: 3 }).apply(tf.input({ shape: [4, 4, 1] }))).toThrow(/patch side 3 to divide the image's 4×4/);
  });
});
