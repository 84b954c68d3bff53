import * as tf from '@tensorflow/tfjs';
import { copyBatch, type CopyBatch, type LengthError } from '../../network/datasets/copy-task';
import { createRandom } from '../../network/numerics/random';
import { bitErrorsSideBySide, copyInputs, copyLstm, copyTrainer } from '../../network/training/copy-task';
import ntm, { runMachine } from '../../zoo/neural-turing-machine';
import { heatMapSvg } from '../heat-map';
import { plotSvg } from '../plot';
import type { ParamValues } from '../params';
import { defineDemo } from '../types';
import params from './neural-turing-machine.params';

/** Bits per vector, memory row width, controller units, and the LSTM's units: about the NTM's parameter count. */
export const DEMO_SIZES = { bits: 3, width: 4, units: 16, lstmUnits: 10 } as const;
const BATCH = 16;
const TEST_SEQUENCES = 50;
/** While training, the heads are redrawn at most every this many batches (the loss curves at every preview): they cost a run of the machine. */
const HEADS_EVERY = 5;

/** The machine at the reader's settings: `rows` memory rows, sequences up to `longest` vectors. */
const networkAt = ({ longest, rows }: ParamValues<typeof params>) => ({ bits: DEMO_SIZES.bits, units: DEMO_SIZES.units, rows, width: DEMO_SIZES.width, length: longest, seed: 1 });

/** The page's own network, as the run builds and watches it (its drawing at the defaults lays out in about a second: src/layout/route.ts). */
const living = { architecture: ntm, config: networkAt };

/** The write and read weightings over time, and the memory after the last step, for one copy sequence (`batch`, of one). */
function headMaps(model: tf.LayersModel, batch: CopyBatch, rows: number, note: string): string[] {
  const { length } = batch;
  const { write, read, memory } = tf.tidy(() => {
    const steps = runMachine(model, copyInputs(batch));
    return {
      write: steps.map((s) => (s.write_weighting.arraySync() as number[][])[0]!),
      read: steps.map((s) => (s.read_weighting.arraySync() as number[][])[0]!),
      memory: (steps.at(-1)!.memory.arraySync() as number[][][])[0]!,
    };
  });
  const stepLabels = write.map((_, t) => (t < length ? `in ${t + 1}` : t === length ? 'delim' : `out ${t - length}`));
  const rowLabels = Array.from({ length: rows }, (_, i) => `${i}`);
  const most = (w: readonly number[]) => w.indexOf(Math.max(...w));
  const weighting = (values: number[][], head: string) =>
    heatMapSvg({
      title: `${head} weighting over one copy sequence of ${length} vectors${note}`,
      description: `Row t is step t, column i memory row i. ${values.map((w, t) => `${stepLabels[t]}: row ${most(w)} (${w[most(w)]!.toFixed(2)})`).join('; ')}.`,
      columnsLabel: 'memory row i',
      rowsLabel: 'step',
      columnLabels: rowLabels,
      rowLabels: stepLabels,
      values,
      rowNotes: values.map((w) => `row ${most(w)}`),
      key: { label: `${head.toLowerCase()} weighting` },
    });
  return [
    weighting(write, 'Write'),
    weighting(read, 'Read'),
    heatMapSvg({
      title: `Memory after the sequence, rows × width${note}`,
      description: `Each row holds ${DEMO_SIZES.width} numbers between −1 and 1, drawn from −1 (no ink) to +1 (full ink). ${memory.map((row, i) => `row ${i}: ${row.map((v) => v.toFixed(2)).join(' ')}`).join('; ')}.`,
      columnsLabel: 'component',
      rowsLabel: 'memory row',
      columnLabels: Array.from({ length: DEMO_SIZES.width }, (_, k) => `${k}`),
      rowLabels,
      values: memory.map((row) => row.map((v) => Math.min(1, Math.max(0, (v + 1) / 2)))),
      key: { label: 'memory value', low: '−1', high: '+1' },
    }),
  ];
}

const errorSeries = (errors: readonly LengthError[]) => errors.map((e) => [e.length, e.bitsWrong] as const);

/** The loss of every batch so far, for both networks. */
function lossPlot(ntmLoss: readonly number[], lstmLoss: readonly number[], title: string): string {
  return plotSvg({
    title,
    description: `Binary cross-entropy per recalled bit. NTM: ${ntmLoss[0]!.toFixed(3)} → ${ntmLoss.at(-1)!.toFixed(3)}; LSTM: ${lstmLoss[0]!.toFixed(3)} → ${lstmLoss.at(-1)!.toFixed(3)}.`,
    x: { label: 'batch' },
    y: { label: 'loss (nats per recalled bit)' },
    series: [
      { label: 'NTM', mark: 'line', points: ntmLoss.map((l, b) => [b + 1, l] as const) },
      { label: 'LSTM', mark: 'dashed', points: lstmLoss.map((l, b) => [b + 1, l] as const) },
    ],
  });
}

/**
 * Trains a Neural Turing Machine and an LSTM of about as many parameters on the copy task, the same
 * batches for both, side by side (a batch each in turn, the NTM first: each takes the steps it would
 * alone), then measures bits wrong per sequence against sequence length, up to twice the longest
 * trained. While they learn, both loss curves grow and the NTM's heads and memory are redrawn.
 */
export default defineDemo({
  params,
  living,
  stages: [
    { key: 'both:batches', label: 'Training the Neural Turing Machine and the LSTM side by side, on the same batches', unit: 'batches', errorLabel: 'loss, NTM', weight: 6 },
    { key: 'test:lengths', label: 'Counting bits wrong at each length, both networks', unit: 'lengths', weight: 1 },
  ],
  async run(values, progress) {
    const { longest, rows, batches, learningRate } = values;
    const machine = ntm.build(networkAt(values));
    const lstm = copyLstm(DEMO_SIZES.bits, DEMO_SIZES.lstmUnits, 1);
    const lengths = Array.from({ length: 2 * longest }, (_, k) => k + 1);
    const training = { batchSize: BATCH, lengths: [1, longest] as const, learningRate, seed: 3 };
    const trainers = [copyTrainer(machine, training), copyTrainer(lstm, training)] as const;
    const errorPlot = (ntmErrors: readonly LengthError[], lstmErrors: readonly LengthError[], title: string) =>
      plotSvg({
        title,
        description:
          `${DEMO_SIZES.bits} bits per vector; chance is half of them. NTM: ${ntmErrors.map((e) => `${e.length}: ${e.bitsWrong.toFixed(2)}`).join(', ')}. ` +
          `LSTM: ${lstmErrors.map((e) => `${e.length}: ${e.bitsWrong.toFixed(2)}`).join(', ')}. Lengths past ${longest} were never trained on.`,
        x: { label: 'sequence length (vectors)' },
        y: { label: 'bits wrong per sequence' },
        series: [
          { label: `NTM (${machine.countParams()} parameters)`, mark: 'line', points: errorSeries(ntmErrors) },
          { label: `LSTM (${lstm.countParams()} parameters)`, mark: 'dashed', points: errorSeries(lstmErrors) },
          { label: 'chance (half the bits)', mark: 'thin', points: lengths.map((l) => [l, (l * DEMO_SIZES.bits) / 2] as const) },
        ],
      });
    // The sequence of the longest trained length whose heads and memory the heat maps show.
    const sequence = copyBatch({ bits: DEMO_SIZES.bits, length: longest }, 1, createRandom(11));
    try {
      // The living diagram runs the machine on that same sequence.
      progress.watch(machine, copyInputs(sequence));
      const report = progress.within('both');
      // The untrained heads at once, so something is on screen before the first batch ends.
      let heads = { at: 0, maps: headMaps(machine, sequence, rows, ', before training') };
      progress.show(heads.maps);
      const [ntmLoss, lstmLoss]: [number[], number[]] = [[], []];
      for (let b = 1; b <= batches; b++) {
        ntmLoss.push(await trainers[0].step());
        lstmLoss.push(await trainers[1].step());
        report({ phase: 'batches', done: b, total: batches, error: ntmLoss.at(-1) });
        progress.show(() => {
          if (b - heads.at >= HEADS_EVERY || b === 1) heads = { at: b, maps: headMaps(machine, sequence, rows, `, after ${b} batches`) };
          return [lossPlot(ntmLoss, lstmLoss, `Training loss per batch so far, ${b} of ${batches}`), ...heads.maps];
        });
      }
      // One length at a time, both networks, the curves shown as they grow.
      const test = progress.within('test');
      const [ntmErrors, lstmErrors] = bitErrorsSideBySide([machine, lstm], { bits: DEMO_SIZES.bits, lengths, sequences: TEST_SEQUENCES, seed: 77 }, (length, [ntm, lstmSoFar]) => {
        test({ phase: 'lengths', done: length, total: lengths.length });
        progress.show(() => [errorPlot(ntm, lstmSoFar, `Bits wrong per copied sequence against its length so far, after ${batches} batches of lengths 1–${longest}`), lossPlot(ntmLoss, lstmLoss, 'Training loss per batch')]);
      });
      const at = (errors: readonly LengthError[], length: number) => errors.find((e) => e.length === length)!.bitsWrong;
      return {
        metrics: [
          { name: 'ntm-trained', label: `NTM: bits wrong per sequence of ${longest} vectors`, value: at(ntmErrors, longest) },
          { name: 'lstm-trained', label: `LSTM: bits wrong per sequence of ${longest} vectors`, value: at(lstmErrors, longest) },
          { name: 'ntm-longer', label: `NTM: bits wrong per sequence of ${2 * longest} vectors`, value: at(ntmErrors, 2 * longest) },
          { name: 'lstm-longer', label: `LSTM: bits wrong per sequence of ${2 * longest} vectors`, value: at(lstmErrors, 2 * longest) },
          { name: 'ntm-params', label: 'NTM parameters', value: machine.countParams(), kind: 'count' },
          { name: 'lstm-params', label: 'LSTM parameters', value: lstm.countParams(), kind: 'count' },
        ],
        plots: [
          errorPlot(ntmErrors, lstmErrors, `Bits wrong per copied sequence against its length, after ${batches} batches of lengths 1–${longest}`),
          ...headMaps(machine, sequence, rows, ''),
          lossPlot(ntmLoss, lstmLoss, 'Training loss per batch'),
        ],
      };
    } finally {
      progress.finish();
      for (const trainer of trainers) trainer.dispose();
      machine.dispose();
      lstm.dispose();
    }
  },
});
