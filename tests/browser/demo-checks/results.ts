/**
 * What some demos must reach with their defaults: each metric of the first run within its range,
 * and a plot of at least two drawn lines. (Every demo's metrics are numbers and it draws a titled
 * figure: every-demo.test.ts checks that itself.)
 */
import { expect } from 'vitest';
import { demoCheck } from '../../support/demo-checks';
import { largestPlot } from '../../support/demo-driver';

/** Bounds of a metric after the first run with the defaults: `min`/`max` inclusive, `above`/`below` strict. */
interface Range {
  min?: number;
  max?: number;
  below?: number;
  above?: number;
}

const EXPECTED: Record<string, Record<string, Range>> = {
  'echo-state-network': { nrmse: { min: 0, below: 0.2 } },
  'extreme-learning-machine': { rmse: { min: 0, below: 0.2 } },
  'radial-basis-network': { rmse: { min: 0, below: 0.2 } },
  'kohonen-network': { 'quantisation-error': { min: 0, below: 0.2 } },
  // Visit frequencies of a 10,000-step walk against the exact stationary distribution (0.012 measured).
  'markov-chain': { tv: { min: 0, below: 0.05 }, 'mixing-steps': { min: 1, max: 60 } },
  // Four pictures stored, the cross recalled from 30 % noise: exactly.
  'hopfield-network': { overlap: { min: 1, max: 1 }, 'wrong-pixels': { max: 0 } },
  // The plain network of the same depth stays near chance (0.693) while the residual one learns.
  'deep-residual-network': { 'residual-loss': { min: 0, below: 0.2 }, 'plain-loss': { above: 0.6 }, 'residual-accuracy': { above: 0.9 } },
  'convolutional-network': { accuracy: { min: 0.7, max: 1 } },
  // 0.843 measured (tests/zoo/lenet-5.test.ts); chance is 0.1.
  'lenet-5': { accuracy: { min: 0.8, max: 1 } },
  'deconvolutional-network': { mse: { min: 0, max: 0.02 } },
  // ReLUs reach 25 % training error within the 6 epochs (after 3, where tanh takes 5).
  alexnet: { 'relu-epochs': { min: 1, max: 6 }, 'relu-error': { min: 0, below: 0.25 } },
  // Every network learns well above chance (0.1) in 6 epochs; which one wins is the article's to report.
  'vgg-16': { 'stacked-accuracy': { min: 0.4, max: 1 }, 'single-accuracy': { min: 0.4, max: 1 }, 'stacked-params': { min: 1766, max: 1766 }, 'single-params': { min: 1610, max: 1610 } },
  googlenet: { 'googlenet-accuracy': { min: 0.3, max: 1 }, 'vgg-accuracy': { min: 0.4, max: 1 }, 'googlenet-params': { min: 2280, max: 2280 }, 'vgg-params': { min: 1766, max: 1766 } },
  // Chance is 1/3, and a readout of the inputs alone stays near it.
  'liquid-state-machine': { accuracy: { min: 0.9, max: 1 }, 'input-only-accuracy': { below: 0.5 } },
  // Chance is ln 10 ≈ 2.30: the plain twin barely leaves it in 30 steps, the residual network learns.
  'resnet-50': { 'plain-loss': { above: 2 }, 'residual-loss': { min: 0, below: 1.85 } },
};

demoCheck('reaches its expected metrics with its defaults, and plots at least two lines', { ids: Object.keys(EXPECTED) }, async ({ id, page, firstRunMetrics }) => {
  for (const [metric, range] of Object.entries(EXPECTED[id]!)) {
    const text = (firstRunMetrics[metric] ?? '').trim();
    expect(text, `[data-demo-metric="${metric}"] must contain just a number`).toMatch(/^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i);
    const value = Number(text);
    if (range.min !== undefined) expect(value, metric).toBeGreaterThanOrEqual(range.min);
    if (range.max !== undefined) expect(value, metric).toBeLessThanOrEqual(range.max);
    if (range.below !== undefined) expect(value, metric).toBeLessThan(range.below);
    if (range.above !== undefined) expect(value, metric).toBeGreaterThan(range.above);
  }
  const plot = await largestPlot(page, id);
  expect(plot.lines, 'drawn <path>/<polyline> elements in the demo plot').toBeGreaterThanOrEqual(2);
  expect(plot.width, 'plot width').toBeGreaterThan(0);
  expect(plot.height, 'plot height').toBeGreaterThan(0);
});
