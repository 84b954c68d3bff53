import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reversalSet } from '../../src/network/datasets/reversal';
import { createRandom } from '../../src/network/numerics/random';
import {
  afterMistake,
  attentionWeights,
  freeRunningPredictions,
  scoresOf,
  teacherForcedPredictions,
  teacherForcedReversal,
  trainTeacherForced,
} from '../../src/network/training/teacher-forcing';
import seq2seq, { type Seq2seqConfig } from '../../src/zoo/seq2seq';
import { expandEdges, parseSvg } from '../support/svg-metadata';

const diagram = (view: string) => parseSvg(readFileSync(new URL(`../../diagrams/seq2seq.${view}.svg`, import.meta.url), 'utf8'));

/** Parameters of one LSTM layer of `units` cells reading `inputs` numbers per step. */
const lstm = (inputs: number, units: number) => 4 * units * (inputs + units + 1);
/** The count by hand: embeddings, 2L LSTM layers, the attention's W_a and W_c, the softmax. */
function countByHand(c: Seq2seqConfig): number {
  const embeddings = (c.sourceSymbols + c.targetSymbols) * c.embedding;
  const layers = 2 * (lstm(c.embedding, c.units) + (c.layers - 1) * lstm(c.units, c.units));
  const attention = c.attention ? c.units * c.units + 2 * c.units * c.units : 0;
  return embeddings + layers + attention + c.units * c.targetSymbols + c.targetSymbols;
}

const TASK = { sourceSymbols: 4, targetSymbols: 5, embedding: 6, layers: 2, units: 12, attention: true, steps: 4, seed: 1 };

describe('seq2seq', () => {
  it('counts, at Sutskever et al.’s sizes, 160M + 80M embedding weights, 8 LSTM layers of 8,004,000 and an 80,080,000 softmax: 384,112,000', () => {
    const canonical = seq2seq.configs.canonical!;
    expect(countByHand(canonical)).toBe(160_000_000 + 80_000_000 + 8 * 8_004_000 + 80_080_000);
    expect(countByHand(canonical)).toBe(384_112_000);
    for (const c of [seq2seq.configs.diagram, seq2seq.configs.demo!, { ...TASK, attention: false }]) {
      const model = seq2seq.build(c);
      expect(model.countParams(), JSON.stringify(c)).toBe(countByHand(c));
      model.dispose();
    }
  });

  it('decodes causally: the output at step t reads the previous target symbols up to t only, and the source at every position', () => {
    const model = seq2seq.build(TASK);
    const random = createRandom(5);
    const sequence = (size: number) => Array.from({ length: TASK.steps }, () => Array.from({ length: size }, () => random.uniform(0, 1)));
    const [source, previous] = [sequence(TASK.sourceSymbols), sequence(TASK.targetSymbols)];
    const run = (s: number[][], p: number[][]) => tf.tidy(() => (model.predict([tf.tensor3d([s]), tf.tensor3d([p])]) as tf.Tensor).arraySync() as number[][][])[0]!;
    const base = run(source, previous);
    const changed = (a: number[][], b: number[][]) => a.map((row, t) => row.some((x, k) => Math.abs(x - b[t]![k]!) > 1e-6));
    const atStep = (x: number[][], t: number) => x.map((row, i) => (i === t ? row.map((v) => v + 1) : row));
    // Changing the decoder's input at step 2 changes steps 2 and later, never the earlier ones.
    expect(changed(run(source, atStep(previous, 2)), base)).toEqual([false, false, true, true]);
    // Changing the last source position changes every output step: attention reads it from the first.
    expect(changed(run(atStep(source, TASK.steps - 1), previous), base)).toEqual([true, true, true, true]);
    model.dispose();
  });

  it('without attention, hands each encoder layer’s final state to the decoder layer at its height, its only road to the source', () => {
    const model = seq2seq.build({ ...TASK, attention: false });
    expect(model.layers.map((l) => l.name)).not.toContain('score');
    for (const k of [1, 2]) expect(model.getLayer(`decoder_${k}`).inboundNodes[0]!.inboundLayers.map((l) => l.name)).toEqual([k === 1 ? 'target_embedding' : 'decoder_1', `encoder_${k}`, `encoder_${k}`]);
    const random = createRandom(6);
    const source = Array.from({ length: TASK.steps }, () => Array.from({ length: TASK.sourceSymbols }, () => random.uniform(0, 1)));
    const previous = Array.from({ length: TASK.steps }, () => Array.from({ length: TASK.targetSymbols }, () => random.uniform(0, 1)));
    const run = (s: number[][]) => tf.tidy(() => (model.predict([tf.tensor3d([s]), tf.tensor3d([previous])]) as tf.Tensor).arraySync() as number[][][])[0]![0]!;
    const moved = source.map((row, t) => (t === 0 ? row.map((v) => v + 1) : row));
    expect(run(moved)).not.toEqual(run(source));
    model.dispose();
  });

  it('learns reversal with teacher forcing, attends to the mirrored source position, and free running agrees with teacher forcing on a string until its first mistake', async () => {
    const model = seq2seq.build(TASK);
    const train = teacherForcedReversal(reversalSet(400, TASK.steps, TASK.sourceSymbols, createRandom(1)), TASK.sourceSymbols);
    const test = teacherForcedReversal(reversalSet(200, TASK.steps, TASK.sourceSymbols, createRandom(2)), TASK.sourceSymbols);
    const loss = await trainTeacherForced(model, train, { epochs: 8, learningRate: 0.03, batchSize: 50 });
    const forcedOut = teacherForcedPredictions(model, test);
    const freeOut = freeRunningPredictions(model, test.sources, TASK.steps, test.start);
    const [forced, free] = [scoresOf(forcedOut, test.answers), scoresOf(freeOut, test.answers)];
    const alpha = attentionWeights(model, test);
    const onMirror = alpha.reduce((sum, a) => sum + a.reduce((s, row, t) => s + row[TASK.steps - 1 - t]!, 0) / TASK.steps, 0) / alpha.length;
    console.log(
      `seq2seq reversal: loss ${loss[0]!.toFixed(3)} → ${loss.at(-1)!.toFixed(3)}, letters right teacher-forced ${forced.symbols.toFixed(3)}, free-running ${free.symbols.toFixed(3)}, ` +
        `strings ${forced.sequences.toFixed(3)} / ${free.sequences.toFixed(3)}, mean α on the mirrored position ${onMirror.toFixed(2)}, after a mistake ${JSON.stringify(afterMistake(freeOut, forcedOut, test.answers))}`,
    );
    expect(forced.symbols).toBeGreaterThan(0.9);
    expect(onMirror).toBeGreaterThan(0.5);
    // A string is all right free-running exactly when it is all right teacher-forced: until the first
    // mistake, the decoder is handed the same symbols either way.
    freeOut.forEach((row, n) => {
      const first = row.findIndex((y, t) => y !== test.answers[n]![t]);
      const upTo = first < 0 ? row.length : first + 1;
      expect(row.slice(0, upTo), `string ${n}`).toEqual(forcedOut[n]!.slice(0, upTo));
    });
    expect(free.sequences).toBe(forced.sequences);
    // The start symbol is only ever an input.
    expect(forcedOut.flat()).not.toContain(test.start);
    model.dispose();
  }, 60_000);

  it('draws, unrolled, the encoder’s three source positions and then the decoder’s three steps, joined only by attention reads from every position to every step', () => {
    const svg = diagram('unrolled');
    const stepOf = (id: string) => Number(id.split('@')[1]);
    const groupsAt = (step: number) => new Set(svg.nodes.filter((n) => stepOf(n.attributes['data-node']!) === step).map((n) => n.attributes['data-group']!.split('@')[0]));
    for (const step of [0, 1, 2]) expect([...groupsAt(step)].sort()).toEqual(['encoder_1', 'encoder_2', 'keys', 'source', 'source_embedding']);
    for (const step of [3, 4, 5]) expect(groupsAt(step).has('decoder_2') && !groupsAt(step).has('encoder_2')).toBe(true);
    const edges = expandEdges(svg);
    const crossing = edges.filter((e) => (stepOf(e.from) < 3) !== (stepOf(e.to) < 3));
    expect(new Set(crossing.map((e) => e.kind))).toEqual(new Set(['attention']));
    const reads = crossing.filter((e) => e.to.startsWith('context.0@')).map((e) => `${stepOf(e.from)}→${stepOf(e.to)}`).sort();
    expect(reads).toEqual(['0→3', '0→4', '0→5', '1→3', '1→4', '1→5', '2→3', '2→4', '2→5']);
  });

  it('draws the teacher-forced input, the keys read at every source position as attention, and the decoder state scaling them as coefficients', () => {
    const { units } = seq2seq.configs.diagram;
    const edges = expandEdges(diagram('cells'));
    const into = (group: string, kind: string) => edges.filter((e) => e.to.startsWith(`${group}.`) && e.kind === kind).map((e) => `${e.from} → ${e.to}`).sort();
    expect(into('score', 'attention')).toEqual(Array.from({ length: units }, (_, k) => `keys.${k} → score.0`));
    expect(into('score', 'coefficient')).toEqual(Array.from({ length: units }, (_, k) => `decoder_2.${k} → score.0`));
    expect(into('context', 'attention')).toEqual(Array.from({ length: units }, (_, k) => `encoder_2.${k} → context.${k}`));
    expect(edges.filter((e) => e.from.startsWith('previous_target.')).every((e) => e.to.startsWith('target_embedding.') && e.kind === 'dense')).toBe(true);
    expect(edges.filter((e) => e.kind === 'carry').map((e) => e.from.split('.')[0]).sort()).toEqual(
      ['decoder_1', 'decoder_2', 'encoder_1', 'encoder_2'].flatMap((g) => Array.from({ length: units }, () => g)),
    );
  });
});
