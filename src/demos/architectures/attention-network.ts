import * as tf from '@tensorflow/tfjs';
import { reversalSet, reversedPosition, type ReversalSet } from '../../network/datasets/reversal';
import { createRandom } from '../../network/numerics/random';
import attention, { attentionWeightsOf, trainReversal } from '../../zoo/attention-network';
import { heatMapSvg } from '../heat-map';
import { plotSvg } from '../plot';
import type { ParamValues } from '../params';
import { defineDemo } from '../types';
import params from './attention-network.params';

const TRAINING = 600;
const HELD_OUT = 200;
const BATCH = 100;
const letter = (symbol: number) => String.fromCharCode(65 + symbol);

/** α for each held-out sequence: [sequence][output position i][source position j]. */
function attentionOf(model: tf.LayersModel, set: ReversalSet): number[][][] {
  return tf.tidy(() => (attentionWeightsOf(model).predict(tf.tensor3d(set.sources)) as tf.Tensor).arraySync() as number[][][]);
}

/** Share of output symbols equal to the reversed source's. */
function accuracyOf(predicted: readonly (readonly number[])[], set: ReversalSet): number {
  const steps = predicted[0]!.length;
  const right = predicted.flatMap((row, n) => row.map((s, i) => s === set.symbols[n]![reversedPosition(i, steps)]));
  return right.filter(Boolean).length / right.length;
}

/** The same trained layers with every α = 1/n: the context is then one summary, the mean encoder state. */
function evenAttentionPredictions(model: tf.LayersModel, set: ReversalSet): number[][] {
  return tf.tidy(() => {
    const encoder = tf.model({ inputs: model.inputs, outputs: model.getLayer('encoder').output as tf.SymbolicTensor });
    const states = encoder.predict(tf.tensor3d(set.sources)) as tf.Tensor3D;
    const summary = tf.tile(tf.mean(states, 1, true), [1, states.shape[1], 1]);
    return (model.getLayer('output').apply(summary) as tf.Tensor).argMax(-1).arraySync() as number[][];
  });
}

const meanOver = (maps: readonly (readonly (readonly number[])[])[]): number[][] =>
  maps[0]!.map((row, i) => row.map((_, j) => maps.reduce((sum, m) => sum + m[i]![j]!, 0) / maps.length));

function heatMap(values: readonly (readonly number[])[], title: string, description: string, columnLabels: readonly string[]): string {
  return heatMapSvg({
    title,
    description,
    columnsLabel: 'source position j',
    rowsLabel: 'output i',
    columnLabels,
    rowLabels: values.map((_, i) => `i = ${i}`),
    values,
    rowNotes: values.map((row) => {
      const j = row.indexOf(Math.max(...row));
      return `reads j = ${j} most (α ${row[j]!.toFixed(2)})`;
    }),
    key: { label: 'α: more ink, more weight' },
  });
}

/** One sentence per output position: where it looks most, and whether that is n−1−i. */
function describeRows(values: readonly (readonly number[])[]): string {
  const steps = values.length;
  return values
    .map((row, i) => {
      const j = row.indexOf(Math.max(...row));
      return `output ${i} reads source ${j} most (α ${row[j]!.toFixed(2)}${j === reversedPosition(i, steps) ? ', the right one' : `; the right one is ${reversedPosition(i, steps)}`})`;
    })
    .join('; ');
}

/** The network at the reader's settings: the demo config at their sequence length and alphabet. */
const networkAt = ({ steps, symbols }: ParamValues<typeof params>) => ({ ...attention.configs.demo!, steps, symbols });

/**
 * Trains the attention network to reverse sequences of letters, then shows where each output
 * position looks: the attention weights α over the source positions, averaged over held-out
 * sequences and for one of them, next to the training loss. For contrast, the same trained network
 * is scored with its attention spread evenly, which leaves it one summary of the whole sequence.
 */
export default defineDemo({
  params,
  living: { architecture: attention, config: networkAt },
  // WebAssembly: 2.2 s against 5.8 s on the CPU backend (median of 3 runs each, Chromium, 2-core
  // machine, bench/demo-backends.ts), held-out accuracy 1.0 and attention on target 0.967 on both.
  backend: 'wasm',
  stages: [{ key: 'reversal:minibatches', label: 'Training the encoder, decoder and alignment model together', unit: 'minibatches', errorLabel: 'loss', weight: 1 }],
  async run(values, progress) {
    const { steps, symbols } = values;
    const train = reversalSet(TRAINING, steps, symbols, createRandom(1));
    const test = reversalSet(HELD_OUT, steps, symbols, createRandom(2));
    const model = attention.build(networkAt(values));
    const positions = Array.from({ length: steps }, (_, j) => `${j}`);
    try {
      // The living diagram reads the held-out sequence the second heat map shows.
      progress.watch(model, tf.tensor3d([test.sources[0]!]));
      const report = progress.within('reversal');
      const perEpoch = Math.ceil(TRAINING / BATCH);
      let batches = 0;
      // After every minibatch (6 an epoch): progress, and the attention map as it forms, drawn only
      // when the worker will show it (it drops previews closer than its spacing).
      const { loss } = await trainReversal(model, train, {
        epochs: values.epochs,
        learningRate: values.learningRate,
        batchSize: BATCH,
        onBatch: (batchLoss) => {
          batches++;
          report({ phase: 'minibatches', done: batches, total: values.epochs * perEpoch, error: batchLoss });
          const done = batches;
          progress.show(() => {
            const mean = meanOver(attentionOf(model, { ...test, sources: test.sources.slice(0, 50) }));
            return [heatMap(mean, `Attention weights after ${done} of ${values.epochs * perEpoch} minibatches (epoch ${Math.ceil(done / perEpoch)}), mean over 50 held-out sequences`, describeRows(mean), positions)];
          });
        },
      });
      const weights = attentionOf(model, test);
      const predicted = tf.tidy(() => (model.predict(tf.tensor3d(test.sources)) as tf.Tensor).argMax(-1).arraySync() as number[][]);
      const accuracy = accuracyOf(predicted, test);
      const evenAccuracy = accuracyOf(evenAttentionPredictions(model, test), test);
      const mean = meanOver(weights);
      const onTarget = mean.reduce((sum, row, i) => sum + row[reversedPosition(i, steps)]!, 0) / steps;
      const example = test.symbols[0]!;
      const exampleOut = predicted[0]!.map(letter).join('');
      return {
        metrics: [
          { name: 'accuracy', label: 'Held-out symbols right', value: accuracy, kind: 'fraction' },
          { name: 'attention-on-target', label: 'Mean α on source position n−1−i', value: onTarget, kind: 'fraction' },
          { name: 'even-accuracy', label: 'Symbols right with α spread evenly', value: evenAccuracy, kind: 'fraction' },
          { name: 'loss', label: 'Final training loss', value: loss.at(-1)! },
        ],
        plots: [
          heatMap(
            mean,
            `Attention weights α_ij, mean over ${HELD_OUT} held-out sequences of length ${steps}: row i is output position i, column j source position j`,
            `Mean α on the right source position (n−1−i): ${onTarget.toFixed(2)}. ${describeRows(mean)}. A perfect reversal puts the weight on the anti-diagonal.`,
            positions,
          ),
          heatMap(
            weights[0]!,
            `Attention weights for one held-out sequence, ${example.map(letter).join('')}, reversed as ${exampleOut}`,
            `Source ${example.map(letter).join('')}, network output ${exampleOut}, right answer ${[...example].reverse().map(letter).join('')}. ${describeRows(weights[0]!)}.`,
            example.map((s, j) => `${j} ${letter(s)}`),
          ),
          plotSvg({
            title: `Training loss of the attention network on reversing ${steps} symbols`,
            description:
              `After ${values.epochs} epochs the loss is ${loss.at(-1)!.toFixed(3)} and ${(100 * accuracy).toFixed(0)} % of held-out symbols are right; ` +
              `with the same weights but attention spread evenly, ${(100 * evenAccuracy).toFixed(0)} %. Guessing gets ${(100 / symbols).toFixed(0)} %.`,
            x: { label: 'epoch' },
            y: { label: 'training loss (cross-entropy per symbol)' },
            series: [{ label: 'attention network', mark: 'line', points: loss.map((l, e) => [e + 1, l] as const) }],
          }),
        ],
      };
    } finally {
      progress.finish();
      model.dispose();
    }
  },
});
