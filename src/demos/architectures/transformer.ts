import * as tf from '@tensorflow/tfjs';
import { attentionWeightsOf } from '../../network/layers/multi-head-attention';
import { translationReversal, type TranslationSet } from '../../network/datasets/translation-reversal';
import { createRandom } from '../../network/numerics/random';
import transformer, { buildTransformer, decodeGreedy, teacherForced, trainTranslation } from '../../zoo/transformer';
import { heatMapSvg } from '../heat-map';
import { plotSvg } from '../plot';
import { defineDemo } from '../types';
import params from './transformer.params';

const TRAINING = 200;
const HELD_OUT = 100;
const BATCH = 100;
const letter = (symbol: number) => String.fromCharCode(65 + symbol);

/** Share of target symbols equal to the reversed source's. */
function accuracyOf(said: readonly (readonly number[])[], set: TranslationSet): number {
  const length = said[0]!.length;
  const right = said.flatMap((row, n) => row.map((s, i) => s === set.symbols[n]![length - 1 - i]));
  return right.filter(Boolean).length / right.length;
}

/** Each head's attention weights, mean over the held-out set, for the multi-head attention `name`: [head][i][j]. */
function meanAttention(model: tf.LayersModel, name: string, set: TranslationSet): number[][][] {
  return tf.tidy(() => {
    const weights = attentionWeightsOf(model, name);
    const alpha = weights.predict([tf.tensor3d(set.sources), tf.tensor3d(set.shifted)]) as tf.Tensor4D;
    return alpha.mean(0).arraySync() as number[][][];
  });
}

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

/**
 * Trains the Transformer to reverse short sequences of letters with teacher forcing, twice: with the
 * decoder's causal mask (the paper's design) and without it. Each is then scored on held-out
 * sequences two ways: fed the right previous letters (teacher forcing, as in training) and decoding
 * freely from its own previous answers. Shows each head's attention: the masked decoder's
 * self-attention (nothing above the diagonal) and the encoder–decoder attention (the reversal).
 */
export default defineDemo({
  params,
  backend: 'wasm',
  stages: [
    { key: 'masked:epochs', label: 'Training the Transformer, decoder masked', unit: 'epochs', errorLabel: 'loss', weight: 1 },
    { key: 'unmasked:epochs', label: 'Training the same network without the mask', unit: 'epochs', errorLabel: 'loss', weight: 1 },
  ],
  async run(values, progress) {
    const { length, alphabet } = values;
    const train = translationReversal(TRAINING, length, alphabet, createRandom(1));
    const test = translationReversal(HELD_OUT, length, alphabet, createRandom(2));
    const config = { ...transformer.configs.demo!, symbols: alphabet + 1, positions: length };
    const masked = buildTransformer(config, { causal: true });
    const unmasked = buildTransformer(config, { causal: false });
    try {
      const options = { epochs: values.epochs, learningRate: values.learningRate, batchSize: BATCH };
      const maskedLoss = (await trainTranslation(masked, train, { ...options, onProgress: progress.within('masked') })).loss;
      const unmaskedLoss = (await trainTranslation(unmasked, train, { ...options, onProgress: progress.within('unmasked') })).loss;
      const scores = [masked, unmasked].map((model) => ({
        forced: accuracyOf(teacherForced(model, test.sources, test.shifted), test),
        free: accuracyOf(decodeGreedy(model, test.sources, alphabet), test),
      }));
      const [m, u] = scores as [{ forced: number; free: number }, { forced: number; free: number }];
      const self = meanAttention(masked, 'dec1_self', test);
      const cross = meanAttention(masked, 'dec1_cross', test);
      const unmaskedSelf = meanAttention(unmasked, 'dec1_self', test);
      const onTarget = cross.map((head) => head.reduce((sum, row, i) => sum + row[length - 1 - i]!, 0) / length);
      const example = test.symbols[0]!;
      const said = decodeGreedy(masked, [test.sources[0]!], alphabet)[0]!;
      const pct = (x: number) => `${(100 * x).toFixed(0)} %`;
      return {
        metrics: [
          { name: 'free-accuracy', label: 'Masked: held-out letters right, decoding freely', value: m.free, kind: 'fraction' },
          { name: 'forced-accuracy', label: 'Masked: right, fed the right previous letters', value: m.forced, kind: 'fraction' },
          { name: 'unmasked-forced-accuracy', label: 'Unmasked: right, fed the right previous letters', value: u.forced, kind: 'fraction' },
          { name: 'unmasked-free-accuracy', label: 'Unmasked: right, decoding freely', value: u.free, kind: 'fraction' },
          { name: 'later-weight', label: 'Masked decoder: largest α on a later position', value: laterWeight(self), kind: 'fraction' },
          { name: 'loss', label: 'Masked: final training loss', value: maskedLoss.at(-1)! },
        ],
        plots: [
          ...cross.map((head, h) =>
            heatMap(
              head,
              `Encoder–decoder attention, head ${h + 1} of the masked Transformer: mean α over ${HELD_OUT} held-out sequences of length ${length}; row i is target position i, column j source position j`,
              `Mean α on the source position a reversal needs (n−1−i): ${onTarget[h]!.toFixed(2)}. Free decoding of ${example.map(letter).join('')} gives ${said.map(letter).join('')}.`,
              'source position j',
            ),
          ),
          ...self.map((head, h) =>
            heatMap(
              head,
              `Decoder self-attention, head ${h + 1}, masked: mean α over held-out sequences; row i is target position i, column j the decoder's input position j`,
              `Every weight above the diagonal (j > i) is exactly 0: position i reads only the start symbol and the letters before its own. Largest weight on a later position: ${laterWeight([head]).toFixed(2)}.`,
              'decoder input j',
            ),
          ),
          heatMap(
            unmaskedSelf[0]!,
            'Decoder self-attention, head 1, without the mask: mean α over held-out sequences',
            `Unmasked, target position i may read input position i + 1, which under teacher forcing holds the very letter it must say. Largest weight on a later position: ${laterWeight([unmaskedSelf[0]!]).toFixed(2)}.`,
            'decoder input j',
          ),
          plotSvg({
            title: `Training loss, teacher forcing, reversing ${length} letters out of ${alphabet}`,
            description:
              `Masked: ${pct(m.forced)} right when fed the right previous letters, ${pct(m.free)} decoding freely. ` +
              `Unmasked: ${pct(u.forced)} fed the right letters, ${pct(u.free)} decoding freely. Guessing gets ${(100 / alphabet).toFixed(0)} %.`,
            x: { label: 'epoch' },
            y: { label: 'training loss (cross-entropy per letter)' },
            series: [
              { label: 'masked decoder', mark: 'line', points: maskedLoss.map((l, e) => [e + 1, l] as const) },
              { label: 'unmasked decoder', mark: 'line', points: unmaskedLoss.map((l, e) => [e + 1, l] as const) },
            ],
          }),
        ],
      };
    } finally {
      masked.dispose();
      unmasked.dispose();
    }
  },
});
