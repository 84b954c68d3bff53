import { describe, expect, it } from 'vitest';
import { nextStepPairs, twoSineSeries } from '../../src/network/datasets';
import { spectralRadius } from '../../src/network/numerics/spectral-radius';
import esn, { fitReadout, nrmse, predictSequence } from '../../src/zoo/echo-state-network';

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
