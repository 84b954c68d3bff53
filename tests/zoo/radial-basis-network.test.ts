import { describe, expect, it } from 'vitest';
import { traceModel } from '../../src/graph/trace';
import { dampedSine, noisySamples } from '../../src/network/datasets';
import type { Progress } from '../../src/network/training/progress';
import rbf, { centresOf, placeCentres, predictRows, solveOutputWeights, trainByGradient, weightedBumps } from '../../src/zoo/radial-basis-network';

const GRID = Array.from({ length: 161 }, (_, i) => -4 + i / 20);
const rmsAgainstCurve = (model: Parameters<typeof predictRows>[0]) => {
  const fitted = predictRows(model, GRID.map((x) => [x]));
  return Math.sqrt(GRID.reduce((s, x, i) => s + (fitted[i]![0]! - dampedSine(x)) ** 2, 0) / GRID.length);
};

describe('radial-basis-network', () => {
  const { xs, ys } = noisySamples(dampedSine, { count: 120, lo: -4, hi: 4, noise: 0.1, seed: 2024 });
  const inputs = xs.map((x) => [x]);
  const targets = ys.map((y) => [y]);

  it('fits a 1-D function in two stages, centres by k-means and output weights in one solve, close to the clean curve', () => {
    const model = rbf.build(rbf.configs.demo!);
    const reports: Progress[] = [];
    placeCentres(model, inputs, { onProgress: (p) => reports.push(p) });
    solveOutputWeights(model, inputs, targets, { onProgress: (p) => reports.push(p) });
    expect(rmsAgainstCurve(model)).toBeLessThan(0.05);
    expect(reports.filter((p) => p.phase === 'centres').map((p) => p.done)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(reports.some((p) => p.phase === 'solve')).toBe(true);
    model.dispose();
  });

  it('moves its centres to the data by k-means: every input ends nearer its nearest centre on average', () => {
    const model = rbf.build({ ...rbf.configs.demo!, lo: -8, hi: 8 });
    const spread = () => {
      const centres = centresOf(model).map((c) => c[0]!);
      return xs.reduce((s, x) => s + Math.min(...centres.map((c) => Math.abs(x - c))), 0) / xs.length;
    };
    const before = spread();
    placeCentres(model, inputs);
    expect(spread()).toBeLessThan(0.6 * before);
    for (const [c] of centresOf(model)) expect(Math.abs(c!)).toBeLessThanOrEqual(4);
    model.dispose();
  });

  it('is the sum of its weighted bumps: output = bias + Σ wⱼ φⱼ(x)', () => {
    const model = rbf.build(rbf.configs.demo!);
    placeCentres(model, inputs);
    solveOutputWeights(model, inputs, targets);
    const { bumps, bias } = weightedBumps(model, GRID.map((x) => [x]));
    expect(bumps).toHaveLength(rbf.configs.demo!.centres);
    const predicted = predictRows(model, GRID.map((x) => [x]));
    GRID.forEach((_, i) => expect(bias + bumps.reduce((s, b) => s + b[i]!, 0)).toBeCloseTo(predicted[i]![0]!, 4));
    model.dispose();
  });

  it('trains centres, widths and output weights together by gradient descent, lowering the loss', async () => {
    const model = rbf.build(rbf.configs.demo!);
    const widths = () => model.getLayer('rbf').getWeights()[1]!.arraySync() as number[];
    const before = [centresOf(model), widths()];
    const reports: Progress[] = [];
    const loss = await trainByGradient(model, inputs, targets, { epochs: 60, learningRate: 0.05, onProgress: (p) => reports.push(p) });
    expect(centresOf(model)).not.toEqual(before[0]);
    expect(widths()).not.toEqual(before[1]);
    const epochs = reports.filter((p) => p.phase === 'epochs');
    expect(epochs).toHaveLength(60);
    expect(loss).toBeLessThan(0.5 * epochs[0]!.error!);
    model.dispose();
  });

  it('draws each centre coordinate as the weight into its unit, a centre at 0 included', () => {
    const model = rbf.build(rbf.configs.diagram);
    const graph = traceModel(model, 'radial-basis-network');
    const centres = centresOf(model).map((c) => c[0]!);
    expect(centres).toContain(0);
    const into = graph.connections.filter((c) => c.to.startsWith('rbf.'));
    expect(into.map((c) => `${c.from} → ${c.to}`)).toEqual(centres.map((_, j) => `input.0 → rbf.${j}`));
    expect(graph.groups.find((g) => g.id === 'rbf')).toMatchObject({ cellType: 'hidden', notes: ['Gaussian RBF', 'weights in = centres'] });
    model.dispose();
  });
});
