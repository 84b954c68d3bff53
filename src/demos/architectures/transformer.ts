import * as tf from '@tensorflow/tfjs';
import { attentionWeightsOf } from '../../network/layers/multi-head-attention';
import { translationReversal, type TranslationSet } from '../../network/datasets/translation-reversal';
import { createRandom } from '../../network/numerics/random';
import { teacherForcedPredictions, teacherForcedTrainer, type TeacherForcedTrainer } from '../../network/training/teacher-forcing';
import transformer, { buildTransformer, decodeGreedy } from '../../zoo/transformer';
import type { DemoMetric } from '../types';
import { heatMapSvg } from '../heat-map';
import { plotSvg } from '../plot';
import type { ParamValues } from '../params';
import { defineDemo } from '../types';
import params from './transformer.params';

const TRAINING = 200;
const HELD_OUT = 100;
const BATCH = 100;
const letter = (symbol: number) => String.fromCharCode(65 + symbol);
const pct = (x: number) => `${(100 * x).toFixed(0)} %`;

/** Share of target symbols equal to the reversed source's. */
function accuracyOf(said: readonly (readonly number[])[], set: TranslationSet): number {
  const length = said[0]!.length;
  const right = said.flatMap((row, n) => row.map((s, i) => s === set.symbols[n]![length - 1 - i]));
  return right.filter(Boolean).length / right.length;
}

/**
 * A reader of each head's attention weights, mean over a set, for the multi-head attention `name`:
 * [head][i][j]. The second model on the same layers is built once, so it can be read while training.
 */
function attentionReader(model: tf.LayersModel, name: string): (set: TranslationSet) => number[][][] {
  const weights = attentionWeightsOf(model, name);
  return (set) =>
    tf.tidy(() => {
      const alpha = weights.predict([tf.tensor3d(set.sources), tf.tensor3d(set.shifted)]) as tf.Tensor4D;
      return alpha.mean(0).arraySync() as number[][][];
    });
}

/** Each head's attention weights, mean over the held-out set, for the multi-head attention `name`: [head][i][j]. */
const meanAttention = (model: tf.LayersModel, name: string, set: TranslationSet): number[][][] => attentionReader(model, name)(set);

function heatMap(values: readonly (readonly number[])[], title: string, description: string, columnsLabel: string): string {
  return heatMapSvg({
    title,
    description,
    columnsLabel,
    rowsLabel: 'target i',
    columnLabels: values[0]!.map((_, j) => `${j}`),
    rowLabels: values.map((_, i) => `i = ${i}`),
    values,
    rowNotes: values.map((row) => {
      const j = row.indexOf(Math.max(...row));
      return `reads j = ${j} most (α ${row[j]!.toFixed(2)})`;
    }),
    key: { label: 'α: more ink, more weight' },
  });
}

/** Largest weight any target position i gives a later position j > i, over every head. */
const laterWeight = (heads: readonly (readonly (readonly number[])[])[]): number => Math.max(...heads.flatMap((head) => head.flatMap((row, i) => row.filter((_, j) => j > i))));

/** Mean weight target position i gives input position i + 1 (where, under teacher forcing, its answer is), over heads and positions. */
const nextWeight = (heads: readonly (readonly (readonly number[])[])[]): number => {
  const weights = heads.flatMap((head) => head.slice(0, -1).map((row, i) => row[i + 1]!));
  return weights.reduce((a, b) => a + b, 0) / weights.length;
};

interface Trained {
  readonly loss: readonly number[];
  /** Held-out accuracy fed the right previous letters (teacher forcing) and decoding freely. */
  readonly forced: number;
  readonly free: number;
  /** Mean decoder self-attention per head. */
  readonly self: number[][][];
}

/** A loss plot: per epoch for the result, per minibatch (at fractions of an epoch) while training. */
function lossPlot(title: string, description: string, curves: readonly { label: string; points: readonly (readonly [number, number])[] }[]): string {
  return plotSvg({
    title,
    description,
    x: { label: 'epoch' },
    y: { label: 'training loss (cross-entropy per letter)' },
    series: curves.map((c) => ({ label: c.label, mark: 'line' as const, points: c.points })),
  });
}

/** The network at the reader's settings: the demo config at their sequence length and alphabet (plus the start symbol). */
const networkAt = ({ length, alphabet }: ParamValues<typeof params>) => ({ ...transformer.configs.demo!, symbols: alphabet + 1, positions: length });

/**
 * Trains the Transformer to reverse short sequences of letters with teacher forcing, then scores it on
 * held-out sequences two ways: fed the right previous letters (as in training) and decoding freely
 * from its own previous answers. Shows each head's attention: the encoder–decoder attention (the
 * reversal) and the masked decoder self-attention (nothing above the diagonal). With `unmasked` = 1
 * it also trains the same network, same seed and data, without the decoder's mask, side by side (a
 * minibatch each in turn, the masked one first: each takes the steps it would alone), and compares.
 * While they train, the page shows both loss curves per minibatch and the masked network's
 * encoder–decoder attention (head 1) as it forms. The living diagram is the masked network's, the
 * definition's own (its `build` masks the decoder), reading the first held-out sequence.
 */
export default defineDemo({
  params,
  living: { architecture: transformer, config: networkAt },
  // WebAssembly: 2.4 s against 7.7 s on the CPU backend at the defaults, both networks, the same
  // metrics to 3 decimals (median of 3 runs each, Chromium, bench/demo-backends.ts, a shared 2-core
  // machine).
  backend: 'wasm',
  stages: [{ key: 'train:minibatches', label: 'Training the Transformer (and its unmasked twin, side by side)', unit: 'minibatches', errorLabel: 'loss, masked', weight: 1 }],
  async run(values, progress) {
    const { length, alphabet } = values;
    const train = translationReversal(TRAINING, length, alphabet, createRandom(1));
    const test = translationReversal(HELD_OUT, length, alphabet, createRandom(2));
    const config = networkAt(values);
    const report = progress.within('train');
    type Net = { label: string; causal: boolean; model: tf.LayersModel; trainer: TeacherForcedTrainer; steps: number[]; loss: number[] };
    const score = (net: Net): Trained & { cross: number[][][]; said: number[] } => {
      return {
        loss: net.loss,
        forced: accuracyOf(teacherForcedPredictions(net.model, { sources: test.sources, previous: test.shifted }), test),
        free: accuracyOf(decodeGreedy(net.model, test.sources, alphabet), test),
        self: meanAttention(net.model, 'dec1_self', test),
        cross: meanAttention(net.model, 'dec1_cross', test),
        said: decodeGreedy(net.model, [test.sources[0]!], alphabet)[0]!,
      };
    };
    let m: ReturnType<typeof score>;
    let u: ReturnType<typeof score> | undefined;
    const nets: Net[] = [];
    try {
      for (const causal of values.unmasked === 1 ? [true, false] : [true]) {
        // The masked network is the definition's; its twin differs in the mask alone (same seed, same weights to start).
        const model = causal ? transformer.build(config) : buildTransformer(config, { causal });
        nets.push({ label: causal ? 'masked decoder' : 'unmasked decoder', causal, model, steps: [], loss: [], trainer: teacherForcedTrainer(model, { ...train, previous: train.shifted }, { learningRate: values.learningRate, batchSize: BATCH }) });
      }
      progress.watch(nets[0]!.model, [tf.tensor3d([test.sources[0]!]), tf.tensor3d([test.shifted[0]!])]);
      const crossNow = attentionReader(nets[0]!.model, 'dec1_cross');
      const batches = nets[0]!.trainer.batches;
      const total = values.epochs * batches;
      for (let done = 1; done <= total; done++) {
        for (const net of nets) net.steps.push(await net.trainer.step());
        if (done % batches === 0) for (const net of nets) net.loss.push(net.steps.slice(-batches).reduce((a, b) => a + b, 0) / batches);
        report({ phase: 'minibatches', done, total, error: nets[0]!.steps.at(-1)! });
        progress.show(() => {
          const cross = crossNow(test)[0]!;
          const now = nets.map((net) => `${net.label} ${net.steps.at(-1)!.toFixed(3)}`).join(', ');
          return [
            heatMap(cross, `Encoder–decoder attention, head 1, after ${done} of ${total} minibatches: mean α over ${HELD_OUT} held-out sequences`, `Forming: a reversal puts the weight on source position n−1−i in row i.`, 'source position j'),
            lossPlot(`Training loss so far, minibatch ${done} of ${total}`, `Loss on each minibatch, now: ${now}.`, nets.map((net) => ({ label: net.label, points: net.steps.map((l, k) => [(k + 1) / batches, l] as const) }))),
          ];
        });
      }
      m = score(nets[0]!);
      u = nets[1] ? score(nets[1]) : undefined;
    } finally {
      progress.finish();
      for (const net of nets) {
        net.trainer.dispose();
        net.model.dispose();
      }
    }
    const onTarget = m.cross.map((head) => head.reduce((sum, row, i) => sum + row[length - 1 - i]!, 0) / length);
    const example = test.symbols[0]!;
    const metrics: DemoMetric[] = [
      { name: 'free-accuracy', label: 'Held-out letters right, decoding freely', value: m.free, kind: 'fraction' },
      { name: 'forced-accuracy', label: 'Right, fed the right previous letters', value: m.forced, kind: 'fraction' },
      { name: 'later-weight', label: 'Largest decoder α on a later position', value: laterWeight(m.self), kind: 'fraction' },
      { name: 'loss', label: 'Final training loss', value: m.loss.at(-1)! },
    ];
    if (u)
      metrics.push(
        { name: 'unmasked-forced-accuracy', label: 'Unmasked: right, fed the right previous letters', value: u.forced, kind: 'fraction' },
        { name: 'unmasked-free-accuracy', label: 'Unmasked: right, decoding freely', value: u.free, kind: 'fraction' },
        { name: 'unmasked-next-weight', label: 'Unmasked decoder: mean α on position i + 1', value: nextWeight(u.self), kind: 'fraction' },
      );
    const curves = [{ label: 'masked decoder', points: m.loss.map((l, e) => [e + 1, l] as const) }];
    if (u) curves.push({ label: 'unmasked decoder', points: u.loss.map((l, e) => [e + 1, l] as const) });
    return {
      metrics,
      plots: [
        ...m.cross.map((head, h) =>
          heatMap(
            head,
            `Encoder–decoder attention, head ${h + 1}: mean α over ${HELD_OUT} held-out sequences of length ${length}; row i is target position i, column j source position j`,
            `Mean α on the source position a reversal needs (n−1−i): ${onTarget[h]!.toFixed(2)}. Decoding ${example.map(letter).join('')} freely gives ${m.said.map(letter).join('')}.`,
            'source position j',
          ),
        ),
        ...m.self.map((head, h) =>
          heatMap(
            head,
            `Decoder self-attention, head ${h + 1}, masked: mean α over held-out sequences; row i is target position i, column j the decoder's input position j`,
            `Every weight above the diagonal (j > i) is exactly 0: position i reads only the start symbol and the letters before its own. Largest weight on a later position: ${laterWeight([head]).toFixed(2)}.`,
            'decoder input j',
          ),
        ),
        ...(u
          ? [
              heatMap(
                u.self[0]!,
                'Decoder self-attention, head 1, without the mask: mean α over held-out sequences',
                `Unmasked, target position i may read input position i + 1, which under teacher forcing holds the very letter it must say; mean weight there, over both heads: ${nextWeight(u.self).toFixed(2)}.`,
                'decoder input j',
              ),
            ]
          : []),
        lossPlot(
          `Training loss, teacher forcing, reversing ${length} letters out of ${alphabet}`,
          `Masked: ${pct(m.forced)} right when fed the right previous letters, ${pct(m.free)} decoding freely. ` +
            (u ? `Unmasked: ${pct(u.forced)} fed the right letters, ${pct(u.free)} decoding freely. ` : '') +
            `Guessing gets ${(100 / alphabet).toFixed(0)} %.`,
          curves,
        ),
      ],
    };
  },
});
