import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  ConnectionTableConv2D,
  connectionTableConv2D,
  connectionTableConv2DReference,
  fullTable,
} from '../../../src/network/layers/connection-table-conv2d';
import { createRandom } from '../../../src/network/numerics/random';

const TABLE = [[0, 1], [1, 2], [0, 1, 2], [2]];

function build(table: readonly (readonly number[])[], side: number, maps: number, kernelSize = 3) {
  const input = tf.input({ shape: [side, side, maps] });
  const layer = connectionTableConv2D({ table, kernelSize, seed: 2, name: 'c3' });
  return { model: tf.model({ inputs: input, outputs: layer.apply(input) as tf.SymbolicTensor }), layer };
}

/** Stored kernel [k, k, connections] as kernels[m][n] (k×k rows), in table order. */
function kernelsOf(layer: ConnectionTableConv2D): number[][][][] {
  const [kernel] = layer.getWeights();
  const [k, , connections] = kernel!.shape as number[];
  const values = kernel!.dataSync();
  let j = 0;
  return layer.table.map((inputs) =>
    inputs.map(() => {
      const at = j++;
      return Array.from({ length: k! }, (_, r) => Array.from({ length: k! }, (_, c) => values[(r * k! + c) * connections! + at]!));
    }),
  );
}

describe('ConnectionTableConv2D layer', () => {
  it('convolves each output map with only the input maps its table entry names, as the plain-JavaScript reference does', () => {
    const random = createRandom(8);
    const [side, maps] = [6, 3];
    const { model, layer } = build(TABLE, side, maps);
    layer.setWeights([layer.getWeights()[0]!, tf.tensor1d([0.5, -0.25, 0, 1])]);
    const values = Array.from({ length: 2 * side * side * maps }, () => random.uniform(-1, 1));
    const ours = tf.tidy(() => Array.from((model.predict(tf.tensor4d(values, [2, side, side, maps])) as tf.Tensor).dataSync()));
    const kernels = kernelsOf(layer);
    for (let n = 0; n < 2; n++) {
      const mapsOf = Array.from({ length: maps }, (_, m) =>
        Array.from({ length: side }, (_, r) => Array.from({ length: side }, (_, c) => values[((n * side + r) * side + c) * maps + m]!)),
      );
      connectionTableConv2DReference(mapsOf, TABLE, kernels, [0.5, -0.25, 0, 1]).forEach((map, m) =>
        map.forEach((row, r) => row.forEach((v, c) => expect(ours[((n * 4 + r) * 4 + c) * 4 + m]!, `image ${n}, map ${m} at ${r},${c}`).toBeCloseTo(v, 4))),
      );
    }
    model.dispose();
  });

  it('stores only the connected kernels, so it counts 9 weights per connection plus a bias per map', () => {
    const { model, layer } = build(TABLE, 6, 3);
    expect(layer.connections).toBe(8);
    expect(model.countParams()).toBe(8 * 9 + 4);
    // An input map an output map does not read cannot move it.
    const full = layer.fullKernel();
    const values = full.arraySync() as number[][][][];
    TABLE.forEach((inputs, m) => [0, 1, 2].filter((i) => !inputs.includes(i)).forEach((i) => expect(values.flat().every((tap) => tap[i]![m] === 0)).toBe(true)));
    full.dispose();
    model.dispose();
  });

  it('with a full table is an ordinary convolution: it agrees with tf.conv2d on the same kernel', () => {
    const random = createRandom(5);
    const { model, layer } = build(fullTable(2, 3), 5, 2);
    const values = Array.from({ length: 5 * 5 * 2 }, () => random.uniform(-1, 1));
    const x = tf.tensor4d(values, [1, 5, 5, 2]);
    const ours = tf.tidy(() => Array.from((model.predict(x) as tf.Tensor).dataSync()));
    const theirs = tf.tidy(() => Array.from(tf.conv2d(x, layer.fullKernel(), 1, 'valid').dataSync()));
    ours.forEach((v, i) => expect(v).toBeCloseTo(theirs[i]!, 5));
    x.dispose();
    model.dispose();
  });

  it('computes the same kernel and input gradients as tf.conv2d’s own', () => {
    const random = createRandom(6);
    const { layer, model } = build(fullTable(2, 3), 6, 2);
    const x = tf.tensor4d(Array.from({ length: 2 * 6 * 6 * 2 }, () => random.uniform(-1, 1)), [2, 6, 6, 2]);
    const weights = Array.from({ length: 2 * 4 * 4 * 3 }, () => random.uniform(-1, 1));
    const probe = tf.tensor4d(weights, [2, 4, 4, 3]);
    const loss = (f: (input: tf.Tensor4D) => tf.Tensor) => (input: tf.Tensor) => tf.sum(tf.mul(f(input as tf.Tensor4D), probe));
    const ours = tf.tidy(() => {
      const { grads } = tf.variableGrads(() => loss((input) => layer.apply(input) as tf.Tensor)(x) as tf.Scalar, [layer.trainableWeights[0]!.read() as tf.Variable]);
      return [Array.from(Object.values(grads)[0]!.dataSync()), Array.from(tf.grad(loss((input) => layer.apply(input) as tf.Tensor))(x).dataSync())];
    });
    const kernel = layer.fullKernel();
    const theirs = tf.tidy(() => {
      const dk = tf.grad((k: tf.Tensor) => loss((input) => tf.conv2d(input, k as tf.Tensor4D, 1, 'valid'))(x))(kernel);
      // Stored order: output map by output map, inputs in order: [k, k, outputs·inputs].
      const stored = tf.reshape(tf.transpose(dk, [0, 1, 3, 2]), [3, 3, 6]);
      return [Array.from(stored.dataSync()), Array.from(tf.grad(loss((input) => tf.conv2d(input, kernel, 1, 'valid')))(x).dataSync())];
    });
    ours[0]!.forEach((v, i) => expect(v, `kernel gradient ${i}`).toBeCloseTo(theirs[0]![i]!, 3));
    ours[1]!.forEach((v, i) => expect(v, `input gradient ${i}`).toBeCloseTo(theirs[1]![i]!, 4));
    tf.dispose([x, probe, kernel]);
    model.dispose();
  });

  it('keeps its table, kernel size and seed through serialization, and refuses a table naming a missing map', async () => {
    const { model } = build(TABLE, 6, 3);
    const copy = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) as tf.io.ModelJSON['modelTopology'] });
    const restored = copy.getLayer('c3') as ConnectionTableConv2D;
    expect(restored).toBeInstanceOf(ConnectionTableConv2D);
    expect([restored.table, restored.kernelSize, restored.seed]).toEqual([TABLE, 3, 2]);
    expect(copy.countParams()).toBe(model.countParams());
    model.dispose();
    copy.dispose();
    expect(() => build([[0, 3]], 6, 3)).toThrow(/table names input map 3, but the input has 3 maps/);
    expect(() => connectionTableConv2D({ table: [[1, 1]], kernelSize: 3, seed: 0 })).toThrow(/table\[0\] to list distinct input maps/);
  });
});
