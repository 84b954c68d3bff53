import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { readLayerGraph } from '../../../src/graph/layer-graph';
import { traceModel } from '../../../src/graph/trace';
import {
  attentionWeightsOf,
  multiHeadAttention,
  multiHeadAttentionReference,
  MultiHeadContext,
  ScaledDotProductScore,
  type MultiHeadAttentionWeights,
} from '../../../src/network/layers/multi-head-attention';
import { createRandom } from '../../../src/network/numerics/random';
import { measureDependencies } from '../../support/dependencies';

const [TQ, TK, WIDTH, HEADS, KEY, VALUE] = [4, 5, 6, 2, 3, 2];
const random = createRandom(41);
const matrix = (rows: number, cols: number) => Array.from({ length: rows }, () => Array.from({ length: cols }, () => random.uniform(-1, 1)));
const vector = (n: number) => Array.from({ length: n }, () => random.uniform(-0.5, 0.5));

/** A model of one multi-head attention, query and key/value given separately (self-attention feeds one input twice). */
function attentionModel(options: { causal?: boolean; self?: boolean } = {}) {
  const query = tf.input({ shape: [TQ, WIDTH], name: 'query' });
  const keyValue = options.self ? query : tf.input({ shape: [TK, WIDTH], name: 'memory' });
  const mha = multiHeadAttention({ heads: HEADS, keyDim: KEY, valueDim: VALUE, causal: options.causal, seed: 7, name: 'mha' });
  const output = mha.apply([query, keyValue]);
  const model = tf.model({ inputs: options.self ? [query] : [query, keyValue], outputs: output });
  // Random biases too, so the reference checks every parameter.
  const w: MultiHeadAttentionWeights = {
    wq: matrix(WIDTH, HEADS * KEY), bq: vector(HEADS * KEY),
    wk: matrix(WIDTH, HEADS * KEY), bk: vector(HEADS * KEY),
    wv: matrix(WIDTH, HEADS * VALUE), bv: vector(HEADS * VALUE),
    wo: matrix(HEADS * VALUE, WIDTH), bo: vector(WIDTH),
  };
  tf.tidy(() => {
    const { query: q, key: k, value: v, output: o } = mha.layers;
    q.setWeights([tf.tensor2d(w.wq as number[][]), tf.tensor1d(w.bq as number[])]);
    k.setWeights([tf.tensor2d(w.wk as number[][]), tf.tensor1d(w.bk as number[])]);
    v.setWeights([tf.tensor2d(w.wv as number[][]), tf.tensor1d(w.bv as number[])]);
    o.setWeights([tf.tensor2d(w.wo as number[][]), tf.tensor1d(w.bo as number[])]);
  });
  return { model, mha, w };
}

const near = (actual: number[][], expected: number[][], what: string) =>
  expected.forEach((row, i) => row.forEach((x, j) => expect(actual[i]![j]!, `${what}[${i}][${j}]`).toBeCloseTo(x, 4)));

describe('multi-head attention (W_q, W_k, W_v; α = softmax(QKᵀ/√d_k) per head; Σ α V; W_o)', () => {
  it('computes cross-attention as the plain-JavaScript reference does, weights and output, biases included', () => {
    const { model, w } = attentionModel();
    const [x, m] = [matrix(TQ, WIDTH), matrix(TK, WIDTH)];
    const ref = multiHeadAttentionReference(x, m, w, { heads: HEADS });
    const weights = attentionWeightsOf(model, 'mha');
    const [out, alpha] = tf.tidy(() => {
      const inputs = [tf.tensor3d([x]), tf.tensor3d([m])];
      return [(model.predict(inputs) as tf.Tensor).arraySync() as number[][][], (weights.predict(inputs) as tf.Tensor).arraySync() as number[][][][]];
    }) as [number[][][], number[][][][]];
    expect([alpha[0]!.length, alpha[0]![0]!.length, alpha[0]![0]![0]!.length]).toEqual([HEADS, TQ, TK]);
    ref.weights.forEach((head, h) => near(alpha[0]![h]!, head, `α[${h}]`));
    near(out[0]!, ref.output, 'output');
    model.dispose();
  });

  it('with a causal mask, gives the pairs j > i a weight of exactly 0, matches the reference, and the output at i ignores every later input', () => {
    const { model, w } = attentionModel({ causal: true, self: true });
    const x = matrix(TQ, WIDTH);
    const ref = multiHeadAttentionReference(x, x, w, { heads: HEADS, causal: true });
    const alpha = tf.tidy(() => (attentionWeightsOf(model, 'mha').predict(tf.tensor3d([x])) as tf.Tensor).arraySync() as number[][][][]);
    ref.weights.forEach((head, h) => near(alpha[0]![h]!, head, `α[${h}]`));
    for (const head of alpha[0]!) head.forEach((row, i) => row.forEach((a, j) => (j > i ? expect(a).toBe(0) : expect(a).toBeGreaterThan(0))));
    // Change every position after i: the output at 0..i stays, bit for bit.
    for (let i = 0; i < TQ - 1; i++) {
      const changed = x.map((row, t) => (t > i ? row.map((v) => v + random.uniform(-3, 3)) : row));
      const [a, b] = tf.tidy(() => [x, changed].map((s) => (model.predict(tf.tensor3d([s])) as tf.Tensor).arraySync() as number[][][]));
      for (let t = 0; t <= i; t++) expect(b![0]![t]).toEqual(a![0]![t]);
      expect(b![0]![TQ - 1]).not.toEqual(a![0]![TQ - 1]);
    }
    model.dispose();
  });

  it('passes gradients to all four projections, weights and biases, and to both inputs', () => {
    const { model } = attentionModel();
    tf.tidy(() => {
      const [x, m] = [tf.tensor3d([matrix(TQ, WIDTH)]), tf.tensor3d([matrix(TK, WIDTH)])];
      const { grads } = tf.variableGrads(() => (model.apply([x, m]) as tf.Tensor).square().sum() as tf.Scalar);
      expect(Object.keys(grads)).toHaveLength(8);
      for (const g of Object.values(grads)) expect(g.abs().sum().dataSync()[0]).toBeGreaterThan(0);
      const inputGrads = tf.grads((a: tf.Tensor, b: tf.Tensor) => (model.apply([a, b]) as tf.Tensor).square().sum())([x, m]);
      for (const g of inputGrads) expect(g.abs().sum().dataSync()[0]).toBeGreaterThan(0);
    });
    model.dispose();
  });

  it('is registered with tfjs, so a model that uses it survives a round trip through JSON, causal flag and heads kept', async () => {
    const { model } = attentionModel({ causal: true, self: true });
    const copy = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) as tf.io.ModelJSON['modelTopology'] });
    const score = copy.layers.find((l) => l.getClassName() === 'ScaledDotProductScore') as ScaledDotProductScore;
    expect([score.heads, score.causal]).toEqual([HEADS, true]);
    expect(copy.layers.some((l) => l instanceof MultiHeadContext)).toBe(true);
    expect(copy.countParams()).toBe(model.countParams());
    copy.dispose();
    model.dispose();
  });

  it('counts (d·h·d_k + h·d_k)·2 + d·h·d_v + h·d_v + h·d_v·d_o + d_o parameters: four projections with biases, the attention none', () => {
    const { model } = attentionModel();
    expect(model.countParams()).toBe(2 * (WIDTH * HEADS * KEY + HEADS * KEY) + WIDTH * HEADS * VALUE + HEADS * VALUE + HEADS * VALUE * WIDTH + WIDTH);
    model.dispose();
    const query = tf.input({ shape: [TQ, WIDTH] });
    const noBias = tf.model({ inputs: query, outputs: multiHeadAttention({ heads: HEADS, keyDim: KEY, useBias: false, seed: 1, name: 'plain' }).apply([query, query]) });
    expect(noBias.countParams()).toBe(3 * WIDTH * HEADS * KEY + HEADS * KEY * WIDTH);
    noBias.dispose();
  });

  it('traces one score cell per head, fed by its query cells as coefficients and its key cells as attention reads, causal where masked', () => {
    const { model } = attentionModel({ causal: true, self: true });
    const graph = traceModel(model, 'test');
    const into = (group: string) => graph.connections.filter((c) => c.to.startsWith(`${group}.`));
    expect(graph.groups.find((g) => g.id === 'mha_scores')?.size).toBe(HEADS);
    const scores = into('mha_scores');
    expect(scores.filter((c) => c.kind === 'coefficient').map((c) => `${c.from}>${c.to}`)).toEqual(['mha_query.0>mha_scores.0', 'mha_query.1>mha_scores.0', 'mha_query.2>mha_scores.0', 'mha_query.3>mha_scores.1', 'mha_query.4>mha_scores.1', 'mha_query.5>mha_scores.1']);
    expect(scores.filter((c) => c.kind === 'attention').every((c) => c.causal && c.from.startsWith('mha_key.') && c.trainable === undefined)).toBe(true);
    const context = into('mha_context');
    expect(context.filter((c) => c.kind === 'attention').map((c) => `${c.from}>${c.to}`)).toEqual(['mha_value.0>mha_context.0', 'mha_value.1>mha_context.1', 'mha_value.2>mha_context.2', 'mha_value.3>mha_context.3']);
    expect(context.filter((c) => c.kind === 'coefficient').map((c) => `${c.from}>${c.to}`)).toEqual(['mha_scores.0>mha_context.0', 'mha_scores.0>mha_context.1', 'mha_scores.1>mha_context.2', 'mha_scores.1>mha_context.3']);
    expect(context.every((c) => c.kind !== 'attention' || c.causal)).toBe(true);
    model.dispose();
  });

  it('traces exactly the dependencies the running layers have, each weightless one as weightless (measured by gradients, weights zeroed)', () => {
    for (const causal of [false, true]) {
      const { model } = attentionModel({ causal, self: causal });
      const graph = traceModel(model, 'test');
      const { dependencies } = measureDependencies(model, new Map(graph.groups.map((g) => [g.id, g.size])));
      const measured = dependencies.map((d) => `${d.from}>${d.to}:${d.weightless ? 'weightless' : 'weight'}`).sort();
      const traced = graph.connections.map((c) => `${c.from}>${c.to}:${c.trainable === undefined ? 'weightless' : 'weight'}`).sort();
      expect(measured).toEqual(traced);
      model.dispose();
    }
  });

  it('summarises its weightless layers in the layers view by what they compute', () => {
    const { model } = attentionModel({ causal: true, self: true });
    const summaries = Object.fromEntries(readLayerGraph(model).layers.map((l) => [l.name, l.summary]));
    expect(summaries.mha_scores).toBe('softmax(QKᵀ/√d), 2 heads, causal');
    expect(summaries.mha_context).toBe('Σ α·V per head');
    expect(summaries.mha_query).toBe('Dense 6');
    model.dispose();
  });
});
