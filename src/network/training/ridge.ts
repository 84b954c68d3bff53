import * as tf from '@tensorflow/tfjs';
import { solveSpd } from '../numerics/cholesky';
import type { OnProgress } from './progress';

export interface LinearReadout {
  /** Row-major [features × outputs]. */
  readonly kernel: Float64Array;
  /** [outputs]. */
  readonly bias: Float64Array;
}

/** Float32 rounding of XᵀX usually stays below this share of its scale; the preconditioner is shifted by it. */
const FLOAT32_SHIFT = 1e-6;
/** Nearly dependent features can round further; the shift then grows tenfold at a time, up to this share. */
const MAX_SHIFT = 1e-1;
const REFINEMENT_STEPS = 20;

/**
 * Least squares with a ridge penalty, in one step: minimise ‖XW + b − Y‖² + λ‖W‖² (bias unpenalised).
 * `relativeRidge` is scale-free: λ = relativeRidge × the mean diagonal of the centred XᵀX.
 *
 * The Gram matrices come from tf ops (fast, on whatever backend runs) and the solve is plain float64
 * JS, because tfjs has no linear solver. tfjs computes in float32, and random sigmoid features are
 * nearly collinear, so a float32 XᵀX alone loses the fit: we centre the columns (their shared mean
 * is the worst of the collinearity), factor the float32 Gram matrix shifted just enough to stay
 * positive definite, and use that factorisation to precondition conjugate gradients on the exact
 * float64 objective — the classic way to get float64 answers out of a float32 factorisation.
 *
 * Reports phase `solve`: refinement steps done of at most REFINEMENT_STEPS per output, with the
 * relative residual ‖b − Ax‖ / ‖b‖ of the normal equations as the error so far.
 */
export function fitRidge(x: tf.Tensor2D, y: tf.Tensor2D, relativeRidge: number, onProgress?: OnProgress): LinearReadout {
  if (!(relativeRidge >= 0)) throw new Error(`invalid ridge penalty: ${relativeRidge} (expected a number ≥ 0)`);
  const [rows, features] = x.shape;
  const [targetRows, outputs] = y.shape;
  if (rows !== targetRows) throw new Error(`ridge regression: ${rows} rows of features but ${targetRows} rows of targets`);
  const [gram, cross] = tf.tidy(() => {
    const xc = tf.sub(x, tf.mean(x, 0, true));
    return [tf.matMul(xc, xc, true, false), tf.matMul(xc, tf.sub(y, tf.mean(y, 0, true)), true, false)] as const;
  });
  const g = Float64Array.from(gram.dataSync());
  const rhs = Float64Array.from(cross.dataSync());
  tf.dispose([gram, cross]);

  const X = centred(Float64Array.from(x.dataSync()), rows, features);
  const Y = centred(Float64Array.from(y.dataSync()), rows, outputs);
  let trace = 0;
  for (let i = 0; i < features; i++) trace += g[i * features + i]!;
  const scale = trace / features || 1;
  const lambda = relativeRidge * scale;
  const solve = preconditioner(g, features, Math.max(lambda, FLOAT32_SHIFT * scale), scale);

  // Conjugate gradients on the exact float64 normal equations, preconditioned by the float32
  // factorisation: it converges for any positive-definite preconditioner, in a handful of steps
  // when the preconditioner is this close.
  const applyA = (v: Float64Array): Float64Array => {
    const xv = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      let sum = 0;
      for (let i = 0; i < features; i++) sum += X.values[r * features + i]! * v[i]!;
      xv[r] = sum;
    }
    return Float64Array.from({ length: features }, (_, i) => {
      let sum = lambda * v[i]!;
      for (let r = 0; r < rows; r++) sum += X.values[r * features + i]! * xv[r]!;
      return sum;
    });
  };
  const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, v, i) => s + v * b[i]!, 0);
  const w = new Float64Array(features * outputs);
  for (let o = 0; o < outputs; o++) {
    const b = Float64Array.from({ length: features }, (_, i) => {
      let sum = 0;
      for (let r = 0; r < rows; r++) sum += X.values[r * features + i]! * Y.values[r * outputs + o]!;
      return sum;
    });
    const x = solve(Float64Array.from({ length: features }, (_, i) => rhs[i * outputs + o]!));
    const ax = applyA(x);
    const residual = b.map((v, i) => v - ax[i]!);
    let z = solve(residual);
    let p = z.slice();
    let rz = dot(residual, z);
    const bb = dot(b, b);
    const tolerance = 1e-24 * bb;
    const report = (stepsDone: number) =>
      onProgress?.({ phase: 'solve', done: o * REFINEMENT_STEPS + stepsDone, total: outputs * REFINEMENT_STEPS, error: Math.sqrt(dot(residual, residual) / (bb || 1)) });
    report(0);
    let step = 0;
    for (; step < REFINEMENT_STEPS && dot(residual, residual) > tolerance; step++) {
      const ap = applyA(p);
      const alpha = rz / dot(p, ap);
      for (let i = 0; i < features; i++) {
        x[i]! += alpha * p[i]!;
        residual[i]! -= alpha * ap[i]!;
      }
      z = solve(residual);
      const next = dot(residual, z);
      p = z.map((v, i) => v + (next / rz) * p[i]!);
      rz = next;
      report(step + 1);
    }
    // Converged early: the rest of this output's budget is not needed.
    if (step < REFINEMENT_STEPS) report(REFINEMENT_STEPS);
    for (let i = 0; i < features; i++) w[i * outputs + o] = x[i]!;
  }
  const bias = Float64Array.from({ length: outputs }, (_, o) => {
    let dot = 0;
    for (let i = 0; i < features; i++) dot += X.means[i]! * w[i * outputs + o]!;
    return Y.means[o]! - dot;
  });
  return { kernel: w, bias };
}

/**
 * A solver for the float32 Gram matrix `g` shifted by `shift`·I (added in place), the CG
 * preconditioner. If rounding left it indefinite, the shift grows tenfold until it factors: any
 * positive-definite preconditioner is correct, a closer one only converges faster.
 */
function preconditioner(g: Float64Array, features: number, shift: number, scale: number): (b: Float64Array) => Float64Array {
  let added = 0;
  for (let tried = shift; ; tried *= 10) {
    for (let i = 0; i < features; i++) g[i * features + i]! += tried - added;
    added = tried;
    const solve = (b: Float64Array) => solveSpd(g, features, b, b.length / features);
    try {
      solve(new Float64Array(features));
      return solve;
    } catch (error) {
      if (tried * 10 > MAX_SHIFT * scale)
        throw new Error(`ridge regression failed: ${(error as Error).message}; the ${features} features are degenerate`);
    }
  }
}

/** Column means, and the row-major matrix with them subtracted, in float64. */
function centred(values: Float64Array, rows: number, cols: number): { values: Float64Array; means: Float64Array } {
  const means = new Float64Array(cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) means[c]! += values[r * cols + c]! / rows;
  return { values: values.map((v, k) => v - means[k % cols]!), means };
}

/** Writes a fitted readout into a Dense layer of matching size. */
export function setDenseWeights(layer: tf.layers.Layer, readout: LinearReadout): void {
  const kernelVariable = layer.weights.find((w) => w.originalName.endsWith('/kernel'));
  if (!kernelVariable) throw new Error(`layer "${layer.name}": expected a kernel to set`);
  const [features, outputs] = kernelVariable.shape as [number, number];
  if (readout.kernel.length !== features * outputs || readout.bias.length !== outputs)
    throw new Error(`layer "${layer.name}": readout has ${readout.kernel.length} + ${readout.bias.length} weights, layer needs ${features}×${outputs} + ${outputs}`);
  tf.tidy(() => layer.setWeights([tf.tensor2d(Float32Array.from(readout.kernel), [features, outputs]), tf.tensor1d(Float32Array.from(readout.bias))]));
}
