import { Matrix, solve } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { dampedSine, noisySamples } from '../../src/network/datasets';
import type { Progress } from '../../src/network/training/progress';
import elm, { fitLeastSquares, hiddenActivations, predictRows } from '../../src/zoo/extreme-learning-machine';

const rms = (a: readonly number[], b: readonly number[]) => Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]!) ** 2, 0) / a.length);

describe('extreme-learning-machine', () => {
  const ridge = 1e-9;
  const model = elm.build({ inputs: 1, hidden: 12, outputs: 1, inputScale: 2, seed: 5 });
  const { xs, ys } = noisySamples(dampedSine, { count: 200, lo: -4, hi: 4, noise: 0.05, seed: 9 });
  const inputs = xs.map((x) => [x]);
  fitLeastSquares(model, inputs, ys.map((y) => [y]), { ridge });
  // References in float64 by ml-matrix, on the same hidden activations with a bias column.
  const h = new Matrix(hiddenActivations(model, inputs).map((row) => [...row, 1]));
  const ours = predictRows(model, inputs).map((r) => r[0]!);

  // Same objective as ours: centred features, unpenalised bias, λ relative to the centred Gram's diagonal.
  const centred = h.subMatrix(0, h.rows - 1, 0, 11).clone().center('column');
  const gram = centred.transpose().mmul(centred);
  const lambda = (ridge * gram.diag().reduce((s, v) => s + v, 0)) / 12;
  const penalised = h.transpose().mmul(h);
  for (let i = 0; i < 12; i++) penalised.set(i, i, penalised.get(i, i) + lambda);
  const reference = solve(penalised, h.transpose().mmul(Matrix.columnVector(ys))).to1DArray();

  it('fits its output weights in one step to the reference ridge least-squares solution', () => {
    const [kernel, bias] = model.getLayer('output').getWeights().map((w) => Array.from(w.dataSync()));
    const fitted = [...kernel!, ...bias!];
    expect(rms(fitted, reference) / rms(reference, reference.map(() => 0))).toBeLessThan(0.02);
  });

  it('leaves the training residual of the reference solution, close to the unregularised optimum', () => {
    const referenceFit = h.mmul(Matrix.columnVector(reference)).to1DArray();
    expect(rms(ours, ys) / rms(referenceFit, ys)).toBeCloseTo(1, 3);
    // The QR solution minimises the residual by definition; the tiny ridge may only cost a little of it.
    const optimum = h.mmul(solve(h, Matrix.columnVector(ys), true)).to1DArray();
    expect(rms(ours, ys)).toBeLessThan(rms(optimum, ys) * 1.1);
    // …and the fit follows the clean curve more closely than the noise it was trained through (σ = 0.05).
    expect(rms(ours, xs.map(dampedSine))).toBeLessThan(0.05);
  });

  it('keeps its random input weights fixed while the output layer is fitted', () => {
    const net = elm.build(elm.configs.demo!);
    const before = net.getLayer('hidden').getWeights().map((w) => Array.from(w.dataSync()));
    const sample = noisySamples(dampedSine, { count: 80, lo: -4, hi: 4, noise: 0.1, seed: 3 });
    fitLeastSquares(net, sample.xs.map((x) => [x]), sample.ys.map((y) => [y]));
    expect(net.getLayer('hidden').getWeights().map((w) => Array.from(w.dataSync()))).toEqual(before);
    expect(net.getLayer('hidden').trainable).toBe(false);
    net.dispose();
  });

  it('reports its hidden features row chunk by row chunk, then the solve with a falling residual', () => {
    const net = elm.build(elm.configs.demo!);
    const sample = noisySamples(dampedSine, { count: 150, lo: -4, hi: 4, noise: 0.1, seed: 3 });
    const reports: Progress[] = [];
    fitLeastSquares(net, sample.xs.map((x) => [x]), sample.ys.map((y) => [y]), { onProgress: (p) => reports.push(p) });
    const features = reports.filter((p) => p.phase === 'features');
    const solve = reports.filter((p) => p.phase === 'solve');
    expect(features.map((p) => `${p.done}/${p.total}`)).toEqual(['64/150', '128/150', '150/150']);
    expect(reports.slice(0, features.length)).toEqual(features);
    expect(solve.length).toBeGreaterThan(1);
    expect(solve.at(-1)!.done).toBe(solve[0]!.total);
    expect(solve.at(-1)!.error!).toBeLessThan(solve[0]!.error!);
    net.dispose();
  });
});
