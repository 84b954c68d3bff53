import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reversalSet, reversedPosition } from '../../src/network/datasets/reversal';
import { createRandom } from '../../src/network/numerics/random';
import attention, { attentionWeightsOf, trainReversal } from '../../src/zoo/attention-network';
import { expandEdges, parseSvg } from '../support/svg-metadata';

const diagram = (view: string) => parseSvg(readFileSync(new URL(`../../diagrams/attention-network.${view}.svg`, import.meta.url), 'utf8'));

/** Sizes that learn reversal in a dozen epochs on a loaded 2-core machine (≈10–15 s). */
const TASK = { symbols: 5, steps: 5, encoder: 16, decoder: 12, alignment: 12, seed: 1 };

describe('attention-network', () => {
  it('learns to reverse sequences, reading output position i from source position n−1−i through its attention weights', async () => {
    const model = attention.build({ ...attention.configs.diagram, ...TASK });
    const train = reversalSet(600, TASK.steps, TASK.symbols, createRandom(1));
    const { loss } = await trainReversal(model, train, { epochs: 14, learningRate: 0.02, batchSize: 100 });
    const test = reversalSet(300, TASK.steps, TASK.symbols, createRandom(2));
    const [predicted, alpha] = tf.tidy(() => {
      const xs = tf.tensor3d(test.sources);
      return [(model.predict(xs) as tf.Tensor).argMax(-1).arraySync() as number[][], attentionWeightsOf(model).predict(xs) as tf.Tensor];
    }) as [number[][], tf.Tensor];
    const weights = alpha.arraySync() as number[][][];
    alpha.dispose();
    // The same trained network with its attention spread evenly (every α = 1/n): the context is then the
    // mean of the encoder states, one fixed summary for every output position, and the answers fall apart.
    const evenly = tf.tidy(() => {
      const states = tf.model({ inputs: model.inputs, outputs: model.getLayer('encoder').output as tf.SymbolicTensor }).predict(tf.tensor3d(test.sources)) as tf.Tensor3D;
      const summary = tf.tile(tf.mean(states, 1, true), [1, TASK.steps, 1]);
      return (model.getLayer('output').apply(summary) as tf.Tensor).argMax(-1).arraySync() as number[][];
    });
    const positions = Array.from({ length: TASK.steps }, (_, i) => i);
    const correct = predicted.flatMap((row, n) => row.map((s, i) => s === test.symbols[n]![reversedPosition(i, TASK.steps)]));
    const accuracy = correct.filter(Boolean).length / correct.length;
    const evenCorrect = evenly.flatMap((row, n) => row.map((s, i) => s === test.symbols[n]![reversedPosition(i, TASK.steps)]));
    const evenAccuracy = evenCorrect.filter(Boolean).length / evenCorrect.length;
    // Mean attention weight on the source position each output position must copy, per output position.
    const onTarget = positions.map((i) => weights.reduce((sum, w) => sum + w[i]![reversedPosition(i, TASK.steps)]!, 0) / weights.length);
    const argmaxRight = weights.flatMap((w) => positions.map((i) => w[i]!.indexOf(Math.max(...w[i]!)) === reversedPosition(i, TASK.steps)));
    console.log(
      `attention-network reversal: loss ${loss[0]!.toFixed(3)} → ${loss.at(-1)!.toFixed(4)}, held-out symbol accuracy ${accuracy.toFixed(3)} (${evenAccuracy.toFixed(3)} with α spread evenly), ` +
        `mean α on n−1−i per output position ${onTarget.map((a) => a.toFixed(2)).join(' ')}, ` +
        `largest α on n−1−i ${(argmaxRight.filter(Boolean).length / argmaxRight.length).toFixed(3)}`,
    );
    // Chance is 1/5 per symbol.
    expect(accuracy).toBeGreaterThan(0.95);
    // The mean still carries something of every symbol (above chance), but far from what attention reads.
    expect(evenAccuracy).toBeLessThan(0.6);
    for (const [i, a] of onTarget.entries()) expect(a, `output position ${i}`).toBeGreaterThan(0.6);
    // Each row of α is a distribution over the source positions.
    for (const w of weights) for (const row of w) expect(row.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5);
    model.dispose();
  }, 120_000);

  it('draws each encoder cell read by its context cell, and each key read by its alignment unit, as attention that no training sets', () => {
    const { encoder, alignment } = attention.configs.diagram;
    const reads = expandEdges(diagram('cells')).filter((e) => e.kind === 'attention');
    const pairs = reads.map((e) => `${e.from} → ${e.to}`).sort();
    const expected = [
      ...Array.from({ length: encoder }, (_, k) => `encoder.${k} → context.${k}`),
      ...Array.from({ length: alignment }, (_, k) => `keys.${k} → alignment.${k}`),
    ].sort();
    expect(pairs).toEqual(expected);
    expect(reads.every((e) => !e.trainable && e.directed)).toBe(true);
  });

  it('draws, unrolled, every step reading the encoder at every step, later steps included', () => {
    const reads = expandEdges(diagram('unrolled')).filter((e) => e.kind === 'attention' && e.to.startsWith('context.0@'));
    const stepPairs = reads.map((e) => `${e.from.split('@')[1]}→${e.to.split('@')[1]}`).sort();
    expect(stepPairs).toEqual(['0→0', '0→1', '0→2', '1→0', '1→1', '1→2', '2→0', '2→1', '2→2']);
  });
});
