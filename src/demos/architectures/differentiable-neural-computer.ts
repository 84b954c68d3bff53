import * as tf from '@tensorflow/tfjs';
import { copyBatch, type CopyBatch, type LengthError } from '../../network/datasets/copy-task';
import { unrollDnc, type DncCell } from '../../network/layers/dnc';
import { createRandom } from '../../network/numerics/random';
import { bitErrorsSideBySide, copyInputs, copyLstm, copyTrainer } from '../../network/training/copy-task';
import dnc, { COPY_CLIP_NORM, COPY_SIZES } from '../../zoo/differentiable-neural-computer';
import { heatMapSvg } from '../heat-map';
import { plotSvg } from '../plot';
import type { ParamValues } from '../params';
import { defineDemo } from '../types';
import params from './differentiable-neural-computer.params';

const LENGTHS = [1, 2, 3, 4, 5, 6];
const SEQUENCES = 32;
/** While training, the maps are redrawn at most every this many batches (the loss curves at every preview): they cost a run of the DNC. */
const MAPS_EVERY = 3;

/** One example run of the DNC: per step, its write weighting, read weighting and usage; and the memory at the end. */
function trace(cell: DncCell, example: CopyBatch) {
  return tf.tidy(() => {
    const steps = unrollDnc(cell, copyInputs(example));
    const row = (t: tf.Tensor) => Array.from(t.dataSync());
    const result = {
      write: steps.map((s) => row(s.write)),
      read: steps.map((s) => row(s.read)),
      usage: steps.map((s) => row(s.usage)),
      memory: (steps.at(-1)!.memory.arraySync() as number[][][])[0]!,
    };
    tf.dispose(steps as unknown as tf.Tensor[]);
    return result;
  });
}

function stepLabels(example: CopyBatch): string[] {
  const L = example.length;
  return Array.from({ length: example.steps }, (_, t) => (t < L ? `in ${t + 1}` : t === L ? 'delimiter' : `recall ${t - L}`));
}

const strongest = (row: readonly number[]) => row.indexOf(Math.max(...row));

function weightingMap(values: readonly (readonly number[])[], labels: readonly string[], title: string, what: string): string {
  return heatMapSvg({
    title,
    description: `${what}, one row per step of one copy sequence: ${values.map((row, t) => `${labels[t]}: location ${strongest(row)} (${Math.max(...row).toFixed(2)})`).join('; ')}.`,
    columnsLabel: 'memory location',
    rowsLabel: 'step',
    columnLabels: values[0]!.map((_, i) => `${i}`),
    rowLabels: labels,
    values,
    key: { label: `${what}: more ink, more weight` },
  });
}

/** The loss of every batch so far, for both networks. */
function lossPlot(losses: readonly number[], lstmLosses: readonly number[], title: string): string {
  return plotSvg({
    title,
    description: `Last batch: DNC ${losses.at(-1)!.toFixed(3)}, LSTM ${lstmLosses.at(-1)!.toFixed(3)}. The loss jumps with the length drawn for each batch.`,
    x: { label: 'batch' },
    y: { label: 'loss (nats per bit)' },
    series: [
      { label: 'DNC', mark: 'line', points: losses.map((l, i) => [i + 1, l] as const) },
      { label: 'LSTM', mark: 'dashed', points: lstmLosses.map((l, i) => [i + 1, l] as const) },
    ],
  });
}

/** The DNC at the reader's settings: `locations` memory locations, sequences up to `maxLength` vectors. */
const networkAt = ({ locations, maxLength }: ParamValues<typeof params>) => ({
  bits: COPY_SIZES.bits,
  controller: COPY_SIZES.controller,
  locations,
  width: COPY_SIZES.width,
  readHeads: 1,
  length: maxLength,
  seed: COPY_SIZES.seed,
});

/** The page's own network, as the run builds and watches it (its drawing at the defaults lays out in about a second: src/layout/route.ts). */
const living = { architecture: dnc, config: networkAt };

/**
 * Trains a small DNC on the copy task (read a sequence of 2-bit vectors, then write it back after a
 * delimiter) and an LSTM of about the same size on the same batches, side by side (a batch each in
 * turn, the DNC first: each takes the steps it would alone), showing as they learn both losses and
 * where the DNC writes and reads on one example sequence; then bits wrong against sequence length
 * for both, on lengths up to 6 (the longer ones never trained on).
 */
export default defineDemo({
  params,
  living,
  // The CPU backend: 1.8 s at the defaults against 1.9 s on WebAssembly (medians of 3, Chromium, 2-core
  // machine shared with other jobs, bench/demo-backends.ts), every metric identical on both.
  stages: [
    { key: 'both:batches', label: 'Training the DNC and an LSTM of about the same size side by side, on the same batches', unit: 'batches', errorLabel: 'loss, DNC', weight: 6 },
    { key: 'test:lengths', label: 'Counting bits wrong at each length, both networks', unit: 'lengths', weight: 1 },
  ],
  async run(values, progress) {
    const sizes = COPY_SIZES;
    const model = dnc.build(networkAt(values));
    const lstm = copyLstm(sizes.bits, sizes.lstmUnits, sizes.seed);
    const cell = (model.getLayer('dnc') as unknown as { cell: DncCell }).cell;
    const example = copyBatch({ bits: sizes.bits, length: values.maxLength }, 1, createRandom(5));
    const labels = stepLabels(example);
    const maps = (title: string) => {
      const t = trace(cell, example);
      return [
        weightingMap(t.write, labels, `Write weighting ${title}`, 'write weighting'),
        weightingMap(t.read, labels, `Read weighting ${title}`, 'read weighting'),
        weightingMap(t.usage, labels, `Usage ${title}`, 'usage'),
        heatMapSvg({
          title: `Memory after the last step ${title}, each number squashed to 0…1 as (1 + tanh m) / 2`,
          description: `The ${t.memory.length} memory locations, ${t.memory[0]!.length} numbers each, after the sequence: ${t.memory.map((row, i) => `location ${i}: ${row.map((m) => m.toFixed(2)).join(', ')}`).join('; ')}.`,
          columnsLabel: 'number in the location',
          rowsLabel: 'location',
          columnLabels: t.memory[0]!.map((_, j) => `${j}`),
          rowLabels: t.memory.map((_, i) => `${i}`),
          values: t.memory.map((row) => row.map((m) => (1 + Math.tanh(m)) / 2)),
          key: { label: 'memory value: more ink, larger', low: '−∞', high: '+∞' },
        }),
      ];
    };
    const training = { batchSize: sizes.batch, lengths: [1, values.maxLength] as const, learningRate: values.learningRate, clipNorm: COPY_CLIP_NORM, seed: sizes.seed + 1 };
    const trainers = [copyTrainer(model, training), copyTrainer(lstm, training)] as const;
    const describe = (errors: readonly LengthError[]) => errors.map((e) => `length ${e.length}: ${e.bitsWrong.toFixed(2)} of ${e.length * sizes.bits}`).join(', ');
    const errorPlot = (dncErrors: readonly LengthError[], lstmErrors: readonly LengthError[], title: string) =>
      plotSvg({
        title,
        description: `Mean over ${SEQUENCES} fresh sequences per length. DNC (${model.countParams()} parameters): ${describe(dncErrors)}. LSTM (${lstm.countParams()} parameters): ${describe(lstmErrors)}.`,
        x: { label: 'sequence length (2-bit vectors)' },
        y: { label: 'bits wrong per sequence' },
        series: [
          { label: 'bits in the sequence (all wrong)', mark: 'band', points: LENGTHS.map((l) => [l, l * sizes.bits] as const) },
          { label: 'DNC', mark: 'line', points: dncErrors.map((e) => [e.length, e.bitsWrong] as const) },
          { label: 'LSTM', mark: 'dashed', points: lstmErrors.map((e) => [e.length, e.bitsWrong] as const) },
        ],
      });
    try {
      // The living diagram runs the DNC on the sequence whose memory the heat maps show.
      progress.watch(model, copyInputs(example));
      const report = progress.within('both');
      let shown = { at: 0, maps: maps('before training') };
      progress.show(shown.maps);
      const [losses, lstmLosses]: [number[], number[]] = [[], []];
      for (let b = 1; b <= values.iterations; b++) {
        losses.push(await trainers[0].step());
        lstmLosses.push(await trainers[1].step());
        report({ phase: 'batches', done: b, total: values.iterations, error: losses.at(-1) });
        progress.show(() => {
          if (b - shown.at >= MAPS_EVERY || b === 1) shown = { at: b, maps: maps(`after ${b} batches`) };
          return [lossPlot(losses, lstmLosses, `Training loss per batch so far, ${b} of ${values.iterations} (cross-entropy per recalled bit)`), ...shown.maps];
        });
      }
      // One length at a time, both networks, the curves shown as they grow.
      const test = progress.within('test');
      const [dncErrors, lstmErrors] = bitErrorsSideBySide([model, lstm], { bits: sizes.bits, lengths: LENGTHS, sequences: SEQUENCES, seed: 9 }, (length, [dnc, lstmSoFar]) => {
        test({ phase: 'lengths', done: length, total: LENGTHS.length });
        progress.show(() => [errorPlot(dnc, lstmSoFar, `Bits wrong per copied sequence against its length so far, trained on lengths 1 to ${values.maxLength}`)]);
      });
      return {
        metrics: [
          ...dncErrors.map((e) => ({ name: `dnc-${e.length}`, label: `DNC bits wrong per sequence, length ${e.length}`, value: e.bitsWrong })),
          ...lstmErrors.map((e) => ({ name: `lstm-${e.length}`, label: `LSTM bits wrong per sequence, length ${e.length}`, value: e.bitsWrong })),
          { name: 'dnc-params', label: 'DNC parameters', value: model.countParams() },
          { name: 'lstm-params', label: 'LSTM parameters', value: lstm.countParams() },
        ],
        plots: [
          errorPlot(dncErrors, lstmErrors, `Bits wrong per copied sequence against its length, trained on lengths 1 to ${values.maxLength}`),
          ...maps(`after ${values.iterations} batches`),
          lossPlot(losses, lstmLosses, 'Training loss per batch (cross-entropy per recalled bit)'),
        ],
      };
    } finally {
      progress.finish();
      for (const trainer of trainers) trainer.dispose();
      model.dispose();
      lstm.dispose();
    }
  },
});
