import type * as tf from '@tensorflow/tfjs';
import { trainParity, type ParityPoint } from '../../network/training/window-parity';
import lstm from '../../zoo/lstm';
import stacked from '../../zoo/stacked-lstm';
import { plotSvg } from '../plot';
import { defineDemo } from '../types';
import params from './stacked-lstm.params';

/** One seed for both networks: the same batches, the same held-out set. */
const SEED = 5;
const MEASURE_EVERY = 25;

/** LSTM weights of one layer of `units` cells reading `inputs` numbers per step. */
const lstmWeights = (inputs: number, units: number) => 4 * units * (inputs + units + 1);

/**
 * The fewest cells a single LSTM layer (1 input, 1 output) needs to have at least as many weights as
 * two stacked layers of `units` cells: the comparison is then not won by size.
 */
export function singleLayerUnits(units: number): number {
  const stackedWeights = lstmWeights(1, units) + lstmWeights(units, units) + units + 1;
  let single = units;
  while (lstmWeights(1, single) + single + 1 < stackedWeights) single++;
  return single;
}

/** Windowed parity, learned by two stacked LSTM layers and by one wider layer, side by side. */
// WebAssembly: 3.9 s against 6.0 s on the CPU backend (median of 3 runs each, Chromium, 2-core
// machine, bench/demo-backends.ts), the same accuracies on both (1.000 and 0.956).
export default defineDemo({
  params,
  backend: 'wasm',
  stages: [
    { key: 'stacked:steps', label: 'Training the two stacked LSTM layers', unit: 'steps', errorLabel: 'loss', weight: 3 },
    { key: 'single:steps', label: 'Training the single LSTM layer', unit: 'steps', errorLabel: 'loss', weight: 2 },
  ],
  async run(values, progress) {
    const task = { window: values.window, length: values.length };
    const wide = singleLayerUnits(values.units);
    const networks = [
      { key: 'stacked', label: `2 layers × ${values.units} cells`, mark: 'line' as const, build: () => stacked.build({ inputs: 1, layers: 2, units: values.units, outputs: 1, seed: SEED, steps: values.length }) },
      { key: 'single', label: `1 layer × ${wide} cells`, mark: 'dashed' as const, build: () => lstm.build({ inputs: 1, units: wide, outputs: 1, seed: SEED, steps: values.length }) },
    ];
    const results: { curve: ParityPoint[]; params: number }[] = [];
    for (const network of networks) {
      const model: tf.LayersModel = network.build();
      const report = progress.within(network.key);
      try {
        const curve = await trainParity(model, task, {
          steps: values.steps,
          batchSize: 32,
          learningRate: 0.01,
          seed: 1,
          testSize: 200,
          every: MEASURE_EVERY,
          onMeasure: (p) => report({ phase: 'steps', done: p.step, total: values.steps, error: p.loss }),
        });
        results.push({ curve, params: model.countParams() });
      } finally {
        model.dispose();
      }
    }
    const [deep, flat] = results as [(typeof results)[0], (typeof results)[0]];
    const final = (r: (typeof results)[0]) => r.curve.at(-1)!.accuracy;
    return {
      metrics: [
        { name: 'stacked-accuracy', label: `Held-out accuracy, ${networks[0]!.label}`, value: final(deep), kind: 'fraction' },
        { name: 'single-accuracy', label: `Held-out accuracy, ${networks[1]!.label}`, value: final(flat), kind: 'fraction' },
        { name: 'stacked-params', label: `Weights, ${networks[0]!.label}`, value: deep.params, kind: 'count' },
        { name: 'single-params', label: `Weights, ${networks[1]!.label}`, value: flat.params, kind: 'count' },
      ],
      plots: [
        plotSvg({
          title: `Parity of the last ${values.window} bits, while training`,
          description:
            `Share of 200 held-out sequences’ steps answered with the right sign after ${values.steps} steps: ` +
            `${networks[0]!.label} (${deep.params} weights) ${(100 * final(deep)).toFixed(1)} %, ` +
            `${networks[1]!.label} (${flat.params} weights) ${(100 * final(flat)).toFixed(1)} %. 50 % is guessing.`,
          x: { label: 'training step' },
          y: { label: 'held-out accuracy' },
          series: networks.map((n, i) => ({ label: n.label, mark: n.mark, points: results[i]!.curve.map((p) => [p.step, p.accuracy] as const) })),
        }),
      ],
    };
  },
});
