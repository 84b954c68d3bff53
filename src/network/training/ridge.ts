import * as tf from '@tensorflow/tfjs';
import { solveSpd } from '../numerics/cholesky';

export interface LinearReadout {
  /** Row-major [features × outputs]. */
  readonly kernel: Float64Array;
  /** [outputs]. */
  readonly bias: Float64Array;
}

/**
 * Least squares with a ridge penalty, in one step: W = (XᵀX + λI)⁻¹ XᵀY over [X, 1].
 * The Gram matrices come from tf ops (fast, on whatever backend runs); the small solve is plain
 * float64 JS because tfjs has no linear solver. The bias column is not penalised.
 */
export function fitRidge(x: tf.Tensor2D, y: tf.Tensor2D, lambda: number): LinearReadout {
  if (!(lambda >= 0)) throw new Error(`invalid ridge penalty: ${lambda} (expected a number ≥ 0)`);
  const [rows, features] = x.shape;
  const [targetRows, outputs] = y.shape;
  if (rows !== targetRows) throw new Error(`ridge regression: ${rows} rows of features but ${targetRows} rows of targets`);
  const n = features + 1;
  const [gram, cross] = tf.tidy(() => {
    const withBias = tf.concat([x, tf.ones([rows, 1])], 1);
    return [tf.matMul(withBias, withBias, true, false), tf.matMul(withBias, y, true, false)] as const;
  });
  const a = Float64Array.from(gram.dataSync());
  const b = Float64Array.from(cross.dataSync());
  gram.dispose();
  cross.dispose();
  for (let i = 0; i < features; i++) a[i * n + i]! += lambda;
  const solution = solveSpd(a, n, b, outputs);
  return { kernel: solution.slice(0, features * outputs), bias: solution.slice(features * outputs) };
}

/** Writes a fitted readout into a Dense layer of matching size. */
export function setDenseWeights(layer: tf.layers.Layer, readout: LinearReadout): void {
  const kernelVariable = layer.weights.find((w) => w.originalName.endsWith('/kernel'));
  if (!kernelVariable) throw new Error(`layer "${layer.name}": expected a kernel to set`);
  const [features, outputs] = kernelVariable.shape as [number, number];
  if (readout.kernel.length !== features * outputs || readout.bias.length !== outputs)
    throw new Error(`layer "${layer.name}": readout has ${readout.kernel.length} + ${readout.bias.length} weights, layer needs ${features}×${outputs} + ${outputs}`);
  const kernel = tf.tensor2d(Float32Array.from(readout.kernel), [features, outputs]);
  const bias = tf.tensor1d(Float32Array.from(readout.bias));
  layer.setWeights([kernel, bias]);
  kernel.dispose();
  bias.dispose();
}
