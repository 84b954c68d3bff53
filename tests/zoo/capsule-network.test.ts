import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSvg } from '../support/svg-metadata';
import { traceModel } from '../../src/graph/trace';
import { CapsuleRouting } from '../../src/network/layers/capsule-routing';
import { squash } from '../../src/network/layers/squash';
import { loadDigits } from '../../src/network/datasets/digits';
import { createRandom } from '../../src/network/numerics/random';
import capsuleNetwork, { classify, routingCoefficients, trainCapsuleNetwork } from '../../src/zoo/capsule-network';

type Vector = number[];
const dot = (a: Vector, b: Vector) => a.reduce((s, v, k) => s + v * b[k]!, 0);
const squashJs = (s: Vector) => {
  const n2 = dot(s, s);
  return s.map((v) => (v * n2) / ((1 + n2) * Math.sqrt(n2)));
};
const softmax = (z: Vector) => {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
};

/** Routing by agreement exactly as the paper's Procedure 1, in plain float64 JavaScript. */
function routeJs(w: number[][][][], u: Vector[], iterations: number): { v: Vector[]; c: Vector[] } {
  const uHat = u.map((ui, i) => w[i]!.map((wij) => wij.map((row) => dot(row, ui))));
  const parents = w[0]!.length;
  const b = u.map(() => Array.from({ length: parents }, () => 0));
  let c: Vector[] = [];
  let v: Vector[] = [];
  for (let r = 0; r < iterations; r++) {
    c = b.map(softmax);
    v = Array.from({ length: parents }, (_, j) => squashJs(uHat[0]![j]!.map((_, d) => uHat.reduce((s, ui, i) => s + c[i]![j]! * ui[j]![d]!, 0))));
    if (r < iterations - 1) b.forEach((bi, i) => bi.forEach((_, j) => (bi[j]! += dot(uHat[i]![j]!, v[j]!))));
  }
  return { v, c };
}

describe('capsule-network', () => {
  it('squashes every vector to a length below 1 that follows ‖s‖²/(1+‖s‖²), keeping its direction', () => {
    const random = createRandom(4);
    const rows = Array.from({ length: 40 }, (_, k) => Array.from({ length: 3 }, () => random.normal() * 10 ** (k / 10 - 2)));
    const squashed = tf.tidy(() => squash(tf.tensor2d(rows)).arraySync() as number[][]);
    rows.forEach((s, k) => {
      const n2 = dot(s, s);
      const v = squashed[k]!;
      expect(Math.sqrt(dot(v, v))).toBeLessThan(1);
      expect(Math.sqrt(dot(v, v))).toBeCloseTo(n2 / (1 + n2), 5);
      expect(dot(v, s) / Math.sqrt(dot(v, v) * n2)).toBeCloseTo(1, 5);
    });
  });

  const children = 5;
  const parents = 3;
  const layer = new CapsuleRouting({ capsules: parents, dim: 4, iterations: 3, seed: 2, name: 'routing-under-test' });
  const random = createRandom(8);
  const u = Array.from({ length: 2 }, () => Array.from({ length: children }, () => squashJs([random.normal(), random.normal()])));
  const input = tf.tensor3d(u);
  layer.apply(input); // builds W
  const w = layer.getWeights()[0]!.arraySync() as number[][][][];

  it('gives every child coupling coefficients over the parents that sum to 1', () => {
    const { outputs, coefficients } = layer.route(input);
    const c = coefficients.arraySync();
    expect(coefficients.shape).toEqual([2, children, parents]);
    for (const example of c)
      for (const child of example) {
        expect(child.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
        for (const cij of child) expect(cij).toBeGreaterThan(0);
      }
    tf.dispose([outputs, coefficients]);
  });

  it('computes the same parents and coefficients as a plain-JS reference of 3 routing iterations', () => {
    const { outputs, coefficients } = layer.route(input);
    const [v, c] = [outputs.arraySync(), coefficients.arraySync()];
    u.forEach((example, b) => {
      const reference = routeJs(w, example, 3);
      reference.v.forEach((vj, j) => vj.forEach((x, d) => expect(v[b]![j]![d]).toBeCloseTo(x, 5)));
      reference.c.forEach((ci, i) => ci.forEach((x, j) => expect(c[b]![i]![j]).toBeCloseTo(x, 5)));
      // Routing did something: after 3 rounds the coefficients are no longer uniform.
      expect(Math.max(...reference.c.flat()) - Math.min(...reference.c.flat())).toBeGreaterThan(0.01);
    });
    tf.dispose([outputs, coefficients]);
  });

  it('survives serialization: a saved model with its capsule layers loads and predicts the same', async () => {
    const model = capsuleNetwork.build(capsuleNetwork.configs.diagram);
    const loaded = await tf.models.modelFromJSON(model.toJSON(null, false) as unknown as tf.io.ModelJSON);
    loaded.setWeights(model.getWeights());
    const x = tf.randomUniform([4, 4], 0, 1, 'float32', 3);
    const [a, b] = [model.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor];
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([x, a, b]);
    model.dispose();
    loaded.dispose();
  });

  it('draws one connection per child→parent capsule pair, carrying its W_ij block, each marked as scaled by its routing coefficient c_ij', async () => {
    const model = capsuleNetwork.build(capsuleNetwork.configs.diagram);
    const graph = traceModel(model, 'capsule-network');
    const routed = graph.connections.filter((c) => c.to.startsWith('class-capsules.'));
    expect(routed.map((c) => `${c.from}→${c.to} ${c.weights?.join('×')} ×${c.scaledBy}`).sort()).toEqual(
      [0, 1, 2, 3].flatMap((i) => [0, 1].map((j) => `primary-capsules.${i}→class-capsules.${j} 3×2 ×cᵢⱼ`)).sort(),
    );
    // The coefficients are real and change with the input: two inputs route differently.
    const size = capsuleNetwork.shapes(capsuleNetwork.configs.diagram).input[0]!;
    const random = createRandom(7);
    const [a, b] = [0, 1].map(() => routingCoefficients(model, Float32Array.from({ length: size }, () => random.normal())));
    expect(a).not.toEqual(b);
    // The drawing says so: every such line carries data-scaled-by and the ⊗ mark, and the legend explains it.
    const svg = parseSvg(readFileSync(new URL('../../diagrams/capsule-network.cells.svg', import.meta.url), 'utf8'));
    const lines = svg.edges.filter((e) => e.attributes['data-to']!.startsWith('class-capsules.'));
    expect(lines.map((e) => [e.attributes['data-scaled-by'], /-scaled\)$/.test(e.attributes['marker-mid'] ?? '')])).toEqual(lines.map(() => ['cᵢⱼ', true]));
    expect(svg.elements.some((e) => e.ancestorClasses.includes('rz-legend') && e.text === '⊗ scaled by cᵢⱼ, computed for each input')).toBe(true);
    expect(graph.groups.map((g) => g.cellType)).toEqual(['input', 'capsule', 'capsule']);
    model.dispose();
  });

  it('learns to tell three held-out digits apart (3, 5, 8), from chance to above 95 % accuracy', () => {
    const digits = loadDigits();
    const classes = [3, 5, 8];
    const chosen = digits.labels.flatMap((label, i) => (classes.includes(label) ? [i] : []));
    const split = (keep: (k: number) => boolean) => chosen.filter((_, k) => keep(k));
    const [train, test] = [split((k) => k % 4 !== 0), split((k) => k % 4 === 0)];
    const images = (rows: number[]) => rows.map((i) => digits.images[i]!);
    const labels = (rows: number[]) => rows.map((i) => classes.indexOf(digits.labels[i]!));
    const accuracy = (model: tf.LayersModel) => classify(model, images(test)).filter((p, k) => p === labels(test)[k]).length / test.length;

    const model = capsuleNetwork.build(capsuleNetwork.configs.demo!);
    const before = accuracy(model);
    const losses = trainCapsuleNetwork(model, images(train), labels(train), { epochs: 4, batchSize: 32, learningRate: 0.01, seed: 1 });
    const after = accuracy(model);
    expect(before).toBeLessThan(0.6);
    expect(after).toBeGreaterThan(0.95);
    expect(losses.at(-1)!).toBeLessThan(losses[0]! / 3);
    // The coefficients routing chose for one digit are a distribution over the classes for every primary capsule.
    for (const row of routingCoefficients(model, digits.images[test[0]!]!)) expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
    model.dispose();
  });
});
