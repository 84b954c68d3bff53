import type * as tf from '@tensorflow/tfjs';
import { parityTrainer, type ParityTrainer } from '../../network/training/window-parity';
import lstm from '../../zoo/lstm';
import stacked, { type StackedLstmConfig } from '../../zoo/stacked-lstm';
import { plotSvg } from '../plot';
import { defineDemo } from '../types';
import params from './stacked-lstm.params';

/** One seed for both networks: the same batches, the same held-out set. */
const SEED = 5;
const MEASURE_EVERY = 25;

/**
 * The page's own network at the reader's settings: the definition's demo config (two layers, one
 * input, one output) with the reader's cells per layer and sequence length, and the demo's seed.
 */
const networkAt = (values: { units: number; length: number }): StackedLstmConfig => ({ ...stacked.configs.demo!, units: values.units, seed: SEED, steps: values.length });

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

interface Curves {
  /** The loss of every training batch. */
  readonly loss: number[];
  /** Held-out accuracy before training and every MEASURE_EVERY steps. */
  readonly accuracy: (readonly [number, number])[];
}

interface Network {
  readonly label: string;
  readonly mark: 'line' | 'dashed';
  readonly params: number;
  readonly curves: Curves;
}

/** The two plots, of the whole run or (while training) of the steps so far. */
function plots(networks: readonly Network[], values: { window: number; steps: number }, done: number): string[] {
  const sofar = done < values.steps ? `, after ${done} of ${values.steps} steps` : '';
  const measured = networks[0]!.curves.accuracy.at(-1)![0];
  const accuracy = (n: Network) => n.curves.accuracy.at(-1)![1];
  return [
    plotSvg({
      title: `Parity of the last ${values.window} bits, while training${sofar}`,
      description:
        `Share of 200 held-out sequences’ steps answered with the right sign after ${measured} steps: ` +
        networks.map((n) => `${n.label} (${n.params} weights) ${(100 * accuracy(n)).toFixed(1)} %`).join(', ') +
        '. 50 % is guessing.',
      x: { label: 'training step' },
      y: { label: 'held-out accuracy' },
      series: networks.map((n) => ({ label: n.label, mark: n.mark, points: n.curves.accuracy })),
    }),
    plotSvg({
      title: `Training loss on the parity of the last ${values.window} bits${sofar}`,
      description: `Squared error over every step of each training batch; always answering 0 scores 1. ${done < values.steps ? 'Now' : 'Final'}: ${networks
        .map((n) => `${n.label} ${n.curves.loss.at(-1)!.toFixed(3)}`)
        .join(', ')}.`,
      x: { label: 'training step' },
      y: { label: 'training loss (squared error)' },
      series: networks.map((n) => ({ label: n.label, mark: n.mark, points: n.curves.loss.map((l, k) => [k + 1, l] as const) })),
    }),
  ];
}

/**
 * Windowed parity, learned by two stacked LSTM layers and by one wider layer, side by side: one Adam
 * step each in turn (the page's own, stacked network first; each takes the steps it would alone).
 */
// WebAssembly: 3.9 s against 6.0 s on the CPU backend (median of 3 runs each, Chromium, 2-core
// machine, bench/demo-backends.ts), the same accuracies on both (1.000 and 0.956).
export default defineDemo({
  params,
  living: { architecture: stacked, config: networkAt },
  backend: 'wasm',
  stages: [{ key: 'both:steps', label: 'Training the two stacked LSTM layers and the single wide layer side by side', unit: 'steps', errorLabel: 'loss, stacked', weight: 1 }],
  run(values, progress) {
    const task = { window: values.window, length: values.length };
    const wide = singleLayerUnits(values.units);
    const report = progress.within('both');
    const built: { model: tf.LayersModel; trainer: ParityTrainer; network: Network }[] = [];
    try {
      for (const [label, mark, build] of [
        [`2 layers × ${values.units} cells`, 'line', () => stacked.build(networkAt(values))],
        [`1 layer × ${wide} cells`, 'dashed', () => lstm.build({ inputs: 1, units: wide, outputs: 1, seed: SEED, steps: values.length })],
      ] as const) {
        const model: tf.LayersModel = build();
        const trainer = parityTrainer(model, task, { batchSize: 32, learningRate: 0.01, seed: 1, testSize: 200 });
        // The living diagram shows the page's own network (the stack, built first) on one held-out sequence.
        if (built.length === 0) progress.watch(model, trainer.example());
        built.push({ model, trainer, network: { label, mark, params: model.countParams(), curves: { loss: [], accuracy: [[0, trainer.accuracy()]] } } });
      }
      const networks = built.map((b) => b.network);
      for (let step = 1; step <= values.steps; step++) {
        for (const { trainer, network } of built) {
          network.curves.loss.push(trainer.step());
          if (step % MEASURE_EVERY === 0 || step === values.steps) network.curves.accuracy.push([step, trainer.accuracy()]);
        }
        report({ phase: 'steps', done: step, total: values.steps, error: networks[0]!.curves.loss.at(-1)! });
        progress.show(() => plots(networks, values, step));
      }
      const [deep, flat] = networks as [Network, Network];
      const final = (n: Network) => n.curves.accuracy.at(-1)![1];
      return {
        metrics: [
          { name: 'stacked-accuracy', label: `Held-out accuracy, ${deep.label}`, value: final(deep), kind: 'fraction' },
          { name: 'single-accuracy', label: `Held-out accuracy, ${flat.label}`, value: final(flat), kind: 'fraction' },
          { name: 'stacked-params', label: `Weights, ${deep.label}`, value: deep.params, kind: 'count' },
          { name: 'single-params', label: `Weights, ${flat.label}`, value: flat.params, kind: 'count' },
        ],
        plots: plots(networks, values, values.steps),
      };
    } finally {
      progress.finish();
      for (const { model, trainer } of built) {
        trainer.dispose();
        model.dispose();
      }
    }
  },
});
