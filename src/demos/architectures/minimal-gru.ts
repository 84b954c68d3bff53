import { delayedBits } from '../../network/datasets/delayed-bits';
import mgu, { buildGruForComparison, buildMinimalGru, parameterCount, trainRecall, type RecallCurve } from '../../zoo/minimal-gru';
import { plotSvg } from '../plot';
import { defineDemo } from '../types';
import params from './minimal-gru.params';

/** Sequences in the training set and their length: small enough for a few seconds per network. */
const SEQUENCES = 32;
const LENGTH = 16;

/**
 * The same delayed-recall task for two networks that differ only in their recurrent cell: the
 * minimal gated unit (one gate) and tfjs's GRU (two gates), same width, seeds, data and optimiser,
 * and the same starting keep fraction σ(b) per step. Shows their parameter counts next to how well
 * each learns.
 */
export default defineDemo({
  params,
  // WebAssembly: 4.9 s against 6.3 s on the CPU backend (median of 3 runs each, Chromium, 2-core
  // machine, bench/demo-backends.ts), every bit recalled on both.
  backend: 'wasm',
  stages: [
    { key: 'mgu:epochs', label: 'Training the minimal gated unit (one gate)', unit: 'epochs', errorLabel: 'loss', weight: 2 },
    { key: 'gru:epochs', label: 'Training the GRU (two gates)', unit: 'epochs', errorLabel: 'loss', weight: 3 },
  ],
  async run(values, progress) {
    const data = delayedBits({ sequences: SEQUENCES, length: LENGTH, delay: values.delay, seed: values.seed });
    const config = { ...mgu.configs.demo!, units: values.units, seed: values.seed, steps: LENGTH };
    const runs: Partial<Record<'mgu' | 'gru', { curve: RecallCurve; parameters: number; seconds: number }>> = {};
    for (const [name, build] of [['mgu', buildMinimalGru], ['gru', buildGruForComparison]] as const) {
      const model = build(config, values.keepBias);
      try {
        const start = performance.now();
        const curve = await trainRecall(model, data, { epochs: values.epochs, learningRate: values.learningRate, onProgress: progress.within(name) });
        runs[name] = { curve, parameters: parameterCount(model), seconds: (performance.now() - start) / 1000 };
      } finally {
        model.dispose();
      }
    }
    const [one, two] = [runs.mgu!, runs.gru!];
    const line = (curve: RecallCurve) => curve.loss.map((loss, e) => [e + 1, loss] as const);
    const percent = (v: number) => `${(100 * v).toFixed(0)} %`;
    return {
      metrics: [
        { name: 'mgu-parameters', label: 'Trained weights, minimal gated unit', value: one.parameters, kind: 'count' },
        { name: 'gru-parameters', label: 'Trained weights, GRU', value: two.parameters, kind: 'count' },
        { name: 'mgu-accuracy', label: 'Bits recalled, minimal gated unit', value: one.curve.accuracy, kind: 'fraction' },
        { name: 'gru-accuracy', label: 'Bits recalled, GRU', value: two.curve.accuracy, kind: 'fraction' },
        { name: 'mgu-seconds', label: 'Training time (s), minimal gated unit', value: one.seconds, kind: 'seconds' },
        { name: 'gru-seconds', label: 'Training time (s), GRU', value: two.seconds, kind: 'seconds' },
      ],
      plots: [
        plotSvg({
          title: `Training loss on recalling the bit from ${values.delay} step${values.delay === 1 ? '' : 's'} back: minimal gated unit and GRU, ${values.units} units each`,
          description:
            `Both started keeping ${percent(1 / (1 + Math.exp(-values.keepBias)))} of their state per step (b = ${String(values.keepBias).replace('-', '−')}), seed ${values.seed}. ` +
            `With ${one.parameters} trained weights the minimal gated unit names ${percent(one.curve.accuracy)} of the bits right (final loss ${one.curve.loss.at(-1)!.toFixed(3)}); ` +
            `the GRU, with ${two.parameters}, names ${percent(two.curve.accuracy)} (final loss ${two.curve.loss.at(-1)!.toFixed(3)}). Guessing gives 50 % and a loss near 0.69.`,
          x: { label: 'epoch' },
          y: { label: 'training loss (cross-entropy)' },
          series: [
            { label: `minimal gated unit (${one.parameters} weights)`, mark: 'line', points: line(one.curve) },
            { label: `GRU (${two.parameters} weights)`, mark: 'dashed', points: line(two.curve) },
          ],
        }),
      ],
    };
  },
});
