import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { nextStepPairs, twoSineSeries } from '../../src/network/datasets';
import { upToLayer } from '../../src/network/layer-output';
import { createRandom } from '../../src/network/numerics/random';
import { spectralRadius } from '../../src/network/numerics/spectral-radius';
import type { Progress } from '../../src/network/training/progress';
import esn, { driveReservoir, fitReadout, nrmse, predictSequence, stateDistance } from '../../src/zoo/echo-state-network';

describe('echo-state-network', () => {
  it('predicts a held-out stretch of the series one step ahead with low error after a ridge-regression readout fit', () => {
    const model = esn.build(esn.configs.demo!);
    const { inputs, targets } = nextStepPairs(twoSineSeries(601));
    const fit = fitReadout(model, inputs.slice(0, 400), targets.slice(0, 400), { washout: 50, ridge: 1e-6 });
    const heldOut = nrmse(predictSequence(model, inputs).slice(400), targets.slice(400));
    expect(fit.trainNrmse).toBeLessThan(0.05);
    expect(heldOut).toBeLessThan(0.1);
    model.dispose();
  });

  it('builds its reservoir sparse, frozen and scaled to the configured spectral radius', () => {
    const config = esn.configs.demo!;
    const model = esn.build(config);
    const reservoir = model.getLayer('reservoir');
    const recurrent = reservoir.weights.find((w) => w.originalName.endsWith('/recurrent_kernel'))!;
    const values = Float64Array.from(recurrent.read().dataSync());
    const density = values.filter((v) => v !== 0).length / values.length;
    expect(reservoir.trainable).toBe(false);
    expect(density).toBeGreaterThan(config.density * 0.7);
    expect(density).toBeLessThan(config.density * 1.3);
    expect(spectralRadius(values, config.units)).toBeCloseTo(config.spectralRadius, 4);
    model.dispose();
  });

  it('leaves the reservoir untouched when the readout is fitted', () => {
    const model = esn.build(esn.configs.diagram);
    const before = model.getLayer('reservoir').getWeights().map((w) => Array.from(w.dataSync()));
    const { inputs, targets } = nextStepPairs(twoSineSeries(120));
    fitReadout(model, inputs, targets, { washout: 20, ridge: 1e-4 });
    const after = model.getLayer('reservoir').getWeights().map((w) => Array.from(w.dataSync()));
    expect(after).toEqual(before);
    model.dispose();
  });
});

describe('echo-state-network, driven chunk by chunk', () => {
  const { inputs, targets } = nextStepPairs(twoSineSeries(601));

  it('drives the reservoir in chunks to the states of one uninterrupted pass, and predicts what model.predict does', () => {
    const model = esn.build(esn.configs.demo!);
    const chunked = driveReservoir(model, [inputs]);
    const whole = upToLayer(model, 'reservoir').predict(tf.tensor3d([inputs])) as tf.Tensor3D;
    expect(chunked.shape).toEqual([1, 600, 100]);
    expect(tf.max(tf.abs(tf.sub(chunked, whole))).dataSync()[0]).toBeLessThan(1e-5);
    fitReadout(model, inputs.slice(0, 400), targets.slice(0, 400), { washout: 50, ridge: 1e-6 });
    const predicted = predictSequence(model, inputs).flat();
    const reference = (model.predict(tf.tensor3d([inputs])) as tf.Tensor3D).dataSync();
    expect(Math.max(...predicted.map((v, i) => Math.abs(v - reference[i]!)))).toBeLessThan(1e-5);
    tf.dispose([chunked, whole]);
    model.dispose();
  });

  it('reports driving and solving progress, each phase counting up to its total', () => {
    const model = esn.build(esn.configs.demo!);
    const reports: Progress[] = [];
    fitReadout(model, inputs.slice(0, 400), targets.slice(0, 400), { washout: 50, ridge: 1e-6, onProgress: (p) => reports.push(p) });
    const drive = reports.filter((p) => p.phase === 'drive');
    const solve = reports.filter((p) => p.phase === 'solve');
    expect(reports.map((p) => p.phase)).toEqual([...drive.map(() => 'drive'), ...solve.map(() => 'solve')]);
    expect(drive.map((p) => p.done)).toEqual([50, 100, 150, 200, 250, 300, 350, 400]);
    expect(drive.every((p) => p.total === 400)).toBe(true);
    expect(solve.length).toBeGreaterThan(1);
    expect(solve.at(-1)).toMatchObject({ done: solve[0]!.total });
    // The error so far is the solver's residual: it falls from the float32 start to float64 accuracy.
    expect(solve.at(-1)!.error!).toBeLessThan(solve[0]!.error! / 100);
    model.dispose();
  });

  it('forgets its starting state with spectral radius 0.9, but not with 1.5 under a weak input: the echo-state property', () => {
    const start = Array.from({ length: 100 }, (_, i) => Math.sin(i));
    const distanceAfter = (spectralRadius: number) => {
      // A strong input saturates the tanh cells and can restore forgetting even above 1; 0.1 does not.
      const model = esn.build({ ...esn.configs.demo!, spectralRadius, inputScale: 0.1 });
      const distance = stateDistance(model, inputs, start);
      model.dispose();
      return distance;
    };
    const contracting = distanceAfter(0.9);
    const expanding = distanceAfter(1.5);
    expect(contracting[0]).toBeGreaterThan(1);
    expect(contracting.at(-1)).toBeLessThan(1e-4);
    expect(expanding.at(-1)).toBeGreaterThan(1);
  });

  it('predicts held-out steps far worse with spectral radius 1.25 than with 0.9, and from random starting states never forgets where it began', () => {
    // The demo's protocol at its settings, only the radius changed: fit on steps 0–399 after a 50-step washout, score 400–599.
    const heldOutError = (spectralRadius: number) => {
      const model = esn.build({ ...esn.configs.demo!, spectralRadius });
      fitReadout(model, inputs.slice(0, 400), targets.slice(0, 400), { washout: 50, ridge: 1e-6 });
      const error = nrmse(predictSequence(model, inputs).slice(400), targets.slice(400));
      // Copies started from random states (uniform in ±1, as the demo's second copy), read the same input.
      const distances = [1, 2, 3, 4, 5].map((seed) => {
        const random = createRandom(seed);
        return stateDistance(model, inputs, Array.from({ length: 100 }, () => random.uniform(-1, 1))).at(-1)!;
      });
      model.dispose();
      return { error, distances };
    };
    const [contracting, expanding] = [heldOutError(0.9), heldOutError(1.25)];
    expect(contracting.error).toBeLessThan(1e-3);
    expect(expanding.error).toBeGreaterThan(20 * contracting.error);
    expect(expanding.error).toBeGreaterThan(5e-3);
    for (const d of contracting.distances) expect(d).toBeLessThan(1e-4);
    for (const d of expanding.distances) expect(d).toBeGreaterThan(1);
  });

  it('fits a strongly contracting reservoir (spectral radius 0.5) whose float32 state Gram matrix rounds to indefinite', () => {
    const model = esn.build({ ...esn.configs.demo!, spectralRadius: 0.5, inputScale: 0.5 });
    fitReadout(model, inputs.slice(0, 400), targets.slice(0, 400), { washout: 50, ridge: 1e-6 });
    expect(nrmse(predictSequence(model, inputs).slice(400), targets.slice(400))).toBeLessThan(0.1);
    model.dispose();
  });
});
