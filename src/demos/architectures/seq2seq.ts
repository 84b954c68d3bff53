import * as tf from '@tensorflow/tfjs';
import { reversalSet } from '../../network/datasets/reversal';
import { createRandom } from '../../network/numerics/random';
import {
  afterMistake,
  attentionReader,
  attentionWeights,
  freeRunningPredictions,
  scoresOf,
  teacherForcedPredictions,
  teacherForcedReversal,
  teacherForcedTrainer,
} from '../../network/training/teacher-forcing';
import seq2seq from '../../zoo/seq2seq';
import { heatMapSvg } from '../heat-map';
import { plotSvg } from '../plot';
import type { ParamValues } from '../params';
import { defineDemo } from '../types';
import params from './seq2seq.params';

const TRAINING = 600;
const HELD_OUT = 200;
const BATCH = 50;
/** Held-out strings the attention map is averaged over while training: enough to show the pattern, cheap to run several times a second. */
const PREVIEW = 20;
const letter = (symbol: number) => String.fromCharCode(65 + symbol);
const percent = (x: number) => `${(100 * x).toFixed(1)} %`;

const meanOver = (maps: readonly (readonly (readonly number[])[])[]): number[][] =>
  maps[0]!.map((row, i) => row.map((_, j) => maps.reduce((sum, m) => sum + m[i]![j]!, 0) / maps.length));

/** Where each target step looks most, in words. */
function describeRows(values: readonly (readonly number[])[]): string {
  const steps = values.length;
  return values
    .map((row, t) => {
      const s = row.indexOf(Math.max(...row));
      const right = steps - 1 - t;
      return `target step ${t + 1} reads source position ${s + 1} most (α ${row[s]!.toFixed(2)}${s === right ? ', the right one' : `; the right one is ${right + 1}`})`;
    })
    .join('; ');
}

function heatMap(values: readonly (readonly number[])[], title: string, description: string): string {
  return heatMapSvg({
    title,
    description,
    columnsLabel: 'source position s',
    rowsLabel: 'target step t',
    columnLabels: values[0]!.map((_, s) => `${s + 1}`),
    rowLabels: values.map((_, t) => `t = ${t + 1}`),
    values,
    rowNotes: values.map((row) => {
      const s = row.indexOf(Math.max(...row));
      return `reads s = ${s + 1} most (α ${row[s]!.toFixed(2)})`;
    }),
    key: { label: 'α: more ink, more weight' },
  });
}

/** The network at the reader's settings: `symbols` letters in, and one more (the start symbol) for the decoder; strings of `steps` letters. */
const networkAt = ({ symbols, steps }: ParamValues<typeof params>) => ({ ...seq2seq.configs.demo!, sourceSymbols: symbols, targetSymbols: symbols + 1, steps });

/**
 * Trains the encoder–decoder to reverse strings of letters with teacher forcing, then decodes the
 * held-out strings two ways: teacher-forced (the decoder handed the true previous letter, as in
 * training) and free-running (greedy: the decoder handed its own previous choice, a loop over the
 * model one step at a time). The two agree on every string until its first mistake; after it, free
 * running reads its own mistakes and gets fewer letters right. Shows the attention weights too.
 */
export default defineDemo({
  params,
  living: { architecture: seq2seq, config: networkAt },
  // WebAssembly: 3.5 s against 7.1 s on the CPU backend (median of 3 runs each, Chromium, 2-core
  // machine under a load of about 6, bench/demo-backends.ts; the fastest WebAssembly run 2.8 s), the
  // same metrics on both.
  backend: 'wasm',
  stages: [{ key: 'reversal:minibatches', label: 'Training the encoder, decoder and attention with teacher forcing', unit: 'minibatches', errorLabel: 'loss', weight: 1 }],
  async run(values, progress) {
    const { steps, symbols } = values;
    const train = teacherForcedReversal(reversalSet(TRAINING, steps, symbols, createRandom(1)), symbols);
    const test = teacherForcedReversal(reversalSet(HELD_OUT, steps, symbols, createRandom(2)), symbols);
    const preview = { sources: test.sources.slice(0, PREVIEW), previous: test.previous.slice(0, PREVIEW) };
    const model: tf.LayersModel = seq2seq.build(networkAt(values));
    try {
      // The living diagram reads one held-out string, with the decoder fed the right previous symbols (teacher forcing).
      progress.watch(model, [tf.tensor3d([test.sources[0]!]), tf.tensor3d([test.previous[0]!])]);
      const report = progress.within('reversal');
      const trainer = teacherForcedTrainer(model, train, { learningRate: values.learningRate, batchSize: BATCH });
      const attention = attentionReader(model);
      // The loss of every minibatch (shown while training) and of every epoch, their mean (as model.fit reports it).
      const batchLoss: number[] = [];
      const loss: number[] = [];
      try {
        const total = values.epochs * trainer.batches;
        for (let done = 1; done <= total; done++) {
          batchLoss.push(await trainer.step());
          if (done % trainer.batches === 0) loss.push(batchLoss.slice(-trainer.batches).reduce((a, b) => a + b, 0) / trainer.batches);
          report({ phase: 'minibatches', done, total, error: batchLoss.at(-1)! });
          progress.show(() => {
            const mean = meanOver(attention(preview));
            return [
              heatMap(mean, `Attention weights after ${done} of ${total} minibatches, mean over ${PREVIEW} held-out strings (teacher-forced)`, describeRows(mean)),
              plotSvg({
                title: `Training loss so far, minibatch ${done} of ${total}`,
                description: `Cross-entropy per letter on each minibatch of ${BATCH} strings; now ${batchLoss.at(-1)!.toFixed(3)}. Guessing scores about ${Math.log(symbols).toFixed(2)}.`,
                x: { label: 'epoch' },
                y: { label: 'training loss (cross-entropy per letter)' },
                series: [{ label: 'teacher forcing', mark: 'line', points: batchLoss.map((l, k) => [(k + 1) / trainer.batches, l] as const) }],
              }),
            ];
          });
        }
      } finally {
        trainer.dispose();
      }
      const forcedOut = teacherForcedPredictions(model, test);
      const freeOut = freeRunningPredictions(model, test.sources, steps, test.start);
      const forced = scoresOf(forcedOut, test.answers);
      const free = scoresOf(freeOut, test.answers);
      const after = afterMistake(freeOut, forcedOut, test.answers);
      const mean = meanOver(attentionWeights(model, test));
      // The first held-out string that free running gets wrong, to show a mistake being carried on.
      const shown = Math.max(0, freeOut.findIndex((row, n) => row.some((y, t) => y !== test.answers[n]![t])));
      const word = (ys: readonly number[]) => ys.map((y) => (y === test.start ? '·' : letter(y))).join('');
      const source = word(reversalSetSymbols(test.sources[shown]!));
      return {
        metrics: [
          { name: 'forced-symbols', label: 'Held-out letters right, teacher-forced', value: forced.symbols, kind: 'fraction' },
          { name: 'free-symbols', label: 'Held-out letters right, free-running', value: free.symbols, kind: 'fraction' },
          { name: 'sequences', label: 'Held-out strings all right (both ways alike)', value: free.sequences, kind: 'fraction' },
          { name: 'after-free', label: 'Letters right after a free-running mistake, free-running', value: after.free, kind: 'fraction' },
          { name: 'after-forced', label: 'The same steps, teacher-forced', value: after.forced, kind: 'fraction' },
          { name: 'after-steps', label: 'Steps after a free-running mistake', value: after.steps },
          { name: 'loss', label: 'Final training loss', value: loss.at(-1)! },
        ],
        plots: [
          plotSvg({
            title: `Held-out letters right at each target step, teacher-forced and free-running, after ${values.epochs} epochs`,
            description:
              `Teacher-forced ${percent(forced.symbols)} of letters right, free-running ${percent(free.symbols)}; ${percent(free.sequences)} of strings all right either way. ` +
              `After a free-running mistake, free running gets ${percent(after.free)} of the later letters right, teacher forcing ${percent(after.forced)} of the same ones. ` +
              `By step: teacher-forced ${forced.byPosition.map(percent).join(', ')}; free-running ${free.byPosition.map(percent).join(', ')}.`,
            x: { label: 'target step t' },
            y: { label: 'share of held-out letters right' },
            series: [
              { label: 'teacher-forced (true previous letter)', mark: 'line', points: forced.byPosition.map((a, t) => [t + 1, a] as const) },
              { label: 'free-running (its own previous letter)', mark: 'dashed', points: free.byPosition.map((a, t) => [t + 1, a] as const) },
            ],
          }),
          heatMap(
            mean,
            `Attention weights α_ts, mean over ${HELD_OUT} held-out strings of length ${steps} (teacher-forced): row t is target step t, column s source position s`,
            `A perfect reversal puts the weight on the anti-diagonal, s = ${steps} + 1 − t. ${describeRows(mean)}.`,
          ),
          plotSvg({
            title: `Training loss of the encoder–decoder with teacher forcing, reversing ${steps} letters`,
            description:
              `After ${values.epochs} epochs the loss is ${loss.at(-1)!.toFixed(3)}. One held-out string free running gets wrong: source ${source}, ` +
              `right answer ${word(test.answers[shown]!)}, free-running ${word(freeOut[shown]!)}, teacher-forced ${word(forcedOut[shown]!)}.`,
            x: { label: 'epoch' },
            y: { label: 'training loss (cross-entropy per letter)' },
            series: [{ label: 'teacher forcing', mark: 'line', points: loss.map((l, e) => [e + 1, l] as const) }],
          }),
        ],
      };
    } finally {
      progress.finish();
      model.dispose();
    }
  },
});

/** One-hot rows → the symbols they hold. */
function reversalSetSymbols(rows: readonly (readonly number[])[]): number[] {
  return rows.map((r) => r.indexOf(1));
}
