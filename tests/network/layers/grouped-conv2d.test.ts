import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { GroupedConv2D, groupedConv2d, groupedConvolutionReference } from '../../../src/network/layers/grouped-conv2d';
import { createRandom } from '../../../src/network/numerics/random';

/** A flat row-major array as nested arrays of the given shape. */
function nest(values: ArrayLike<number>, shape: readonly number[]): unknown {
  if (shape.length === 1) return Array.from(values);
  const step = shape.slice(1).reduce((a, b) => a * b, 1);
  return Array.from({ length: shape[0]! }, (_, i) => nest(Array.from(values).slice(i * step, (i + 1) * step), shape.slice(1)));
}

describe('GroupedConv2D layer', () => {
  it.each([
    { groups: 2, strides: 1, padding: 'same' as const, pad: 1 },
    { groups: 3, strides: 2, padding: 'valid' as const, pad: 0 },
    { groups: 1, strides: 1, padding: 'valid' as const, pad: 0 },
  ])('computes what a plain-JavaScript convolution of each group with its own filters computes ($groups groups, stride $strides, $padding)', ({ groups, strides, padding, pad }) => {
    const random = createRandom(11 + groups);
    const [side, cin, filters, k] = [5, 6, 6, 3];
    const layer = groupedConv2d({ filters, kernelSize: k, groups, strides, padding, name: 'grouped' });
    const input = tf.input({ shape: [side, side, cin] });
    const model = tf.model({ inputs: input, outputs: layer.apply(input) as tf.SymbolicTensor });
    const kernel = Array.from({ length: k * k * (cin / groups) * filters }, () => random.uniform(-1, 1));
    const bias = Array.from({ length: filters }, () => random.uniform(-1, 1));
    layer.setWeights([tf.tensor4d(kernel, [k, k, cin / groups, filters]), tf.tensor1d(bias)]);
    const image = Array.from({ length: side * side * cin }, () => random.uniform(-1, 1));
    const output = model.predict(tf.tensor4d(image, [1, side, side, cin])) as tf.Tensor;
    const ours = Array.from(output.dataSync());
    const expected = groupedConvolutionReference(
      nest(image, [side, side, cin]) as number[][][],
      nest(kernel, [k, k, cin / groups, filters]) as number[][][][],
      bias,
      { groups, stride: strides, pad },
    ).flat(2);
    expect(output.shape).toEqual([1, ...(model.outputs[0]!.shape.slice(1) as number[])]);
    expect(ours.length).toBe(expected.length);
    expected.forEach((v, i) => expect(ours[i]!, `output ${i}`).toBeCloseTo(v, 4));
    // k·k·(Cin/g)·Cout kernel weights and one bias per filter.
    expect(model.countParams()).toBe(k * k * (cin / groups) * filters + filters);
    output.dispose();
    model.dispose();
  });

  it('lets no filter read another group’s channels: changing group 1’s input leaves group 0’s outputs alone', () => {
    const input = tf.input({ shape: [4, 4, 4] });
    const model = tf.model({ inputs: input, outputs: groupedConv2d({ filters: 4, kernelSize: 3, groups: 2, padding: 'same', seed: 3 }).apply(input) as tf.SymbolicTensor });
    const x = tf.randomNormal([1, 4, 4, 4], 0, 1, 'float32', 5);
    const mask = tf.tensor1d([0, 0, 1, 1]);
    const before = model.predict(x) as tf.Tensor;
    const after = model.predict(tf.add(x, tf.mul(mask, 7))) as tf.Tensor;
    const diff = Array.from(tf.abs(tf.sub(after, before)).max([0, 1, 2]).dataSync());
    expect(diff[0]).toBe(0);
    expect(diff[1]).toBe(0);
    expect(diff[2]!).toBeGreaterThan(0);
    expect(diff[3]!).toBeGreaterThan(0);
    tf.dispose([x, mask, before, after]);
    model.dispose();
  });

  it.each([
    { strides: 1, padding: 'same' as const, side: 6 },
    { strides: 2, padding: 'same' as const, side: 7 },
    { strides: 2, padding: 'valid' as const, side: 7 },
  ])('has the gradients of tfjs’s own convolution, computed faster (stride $strides, $padding, side $side)', ({ strides, padding, side }) => {
    // One group: the layer is then exactly tf.conv2d plus a bias, whose gradients tfjs knows.
    const layer = groupedConv2d({ filters: 5, kernelSize: 3, groups: 1, strides, padding, seed: 2 });
    const input = tf.input({ shape: [side, side, 4] });
    const model = tf.model({ inputs: input, outputs: layer.apply(input) as tf.SymbolicTensor });
    const x = tf.randomNormal([2, side, side, 4], 0, 1, 'float32', 3) as tf.Tensor4D;
    const kernel = layer.getWeights()[0] as tf.Tensor4D;
    const weightsOut = tf.randomNormal((model.outputs[0]!.shape as number[]).map((d) => d ?? 2), 0, 1, 'float32', 4);
    const loss = (y: tf.Tensor) => tf.sum(tf.mul(y, weightsOut)) as tf.Scalar;
    const ourDx = tf.grad((a: tf.Tensor) => loss(layer.apply(a) as tf.Tensor))(x);
    const variable = layer.trainableWeights[0]!.read() as tf.Variable;
    const { value, grads } = tf.variableGrads(() => loss(layer.apply(x) as tf.Tensor), [variable]);
    const ourDk = grads[variable.name]!;
    value.dispose();
    const [tfDx, tfDk] = tf.grads((a: tf.Tensor, b: tf.Tensor) => loss(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, strides, padding)))([x, kernel]);
    for (const [ours, theirs, name] of [[ourDx!, tfDx!, 'input'], [ourDk!, tfDk!, 'kernel']] as const) {
      expect(ours.shape, name).toEqual(theirs.shape);
      const a = ours.dataSync();
      Array.from(theirs.dataSync()).forEach((v, i) => expect(a[i]!, `${name} ${i}`).toBeCloseTo(v, 3));
    }
    tf.dispose([x, weightsOut, ourDx!, ourDk!, tfDx!, tfDk!]);
    model.dispose();
  });

  it('keeps its settings and weights through serialization, and refuses groups that do not divide the channels', async () => {
    const input = tf.input({ shape: [5, 5, 4] });
    const model = tf.model({
      inputs: input,
      outputs: groupedConv2d({ filters: 6, kernelSize: 3, groups: 2, strides: 2, padding: 'same', activation: 'relu', seed: 4, name: 'conv2' }).apply(input) as tf.SymbolicTensor,
    });
    const copy = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) as tf.io.ModelJSON['modelTopology'] });
    const restored = copy.getLayer('conv2') as GroupedConv2D;
    expect(restored).toBeInstanceOf(GroupedConv2D);
    expect([restored.filters, restored.kernelSize, restored.groups, restored.strides, restored.padding, restored.activation, restored.seed]).toEqual([6, 3, 2, 2, 'same', 'relu', 4]);
    copy.setWeights(model.getWeights());
    const x = tf.randomNormal([1, 5, 5, 4], 0, 1, 'float32', 9);
    const [a, b] = [model.predict(x) as tf.Tensor, copy.predict(x) as tf.Tensor];
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    expect(copy.outputs[0]!.shape).toEqual([null, 3, 3, 6]);
    tf.dispose([x, a, b]);
    model.dispose();
    copy.dispose();
    const odd = tf.input({ shape: [5, 5, 3] });
    expect(() => groupedConv2d({ filters: 4, kernelSize: 3, groups: 2 }).apply(odd)).toThrow(/input channels \(3\) to be a multiple of groups \(2\)/);
    expect(() => groupedConv2d({ filters: 5, kernelSize: 3, groups: 2 })).toThrow(/filters \(5\) to be a multiple of groups \(2\)/);
  });
});
