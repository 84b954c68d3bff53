import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { MEMORY_START, NeuralTuringMachine, SHIFTS } from '../../../src/network/layers/neural-turing-machine';
import { contentWeightingReference } from '../../../src/network/memory/content-addressing';
import { createRandom } from '../../../src/network/numerics/random';

const [FEATURES, UNITS, ROWS, WIDTH, STEPS, BATCH] = [3, 4, 5, 3, 6, 2];
const random = createRandom(8);
const matrix = (rows: number, cols: number, scale = 1) => Array.from({ length: rows }, () => Array.from({ length: cols }, () => random.uniform(-scale, scale)));

const softplus = (x: number) => Math.log1p(Math.exp(x));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const dense = (x: readonly number[], w: readonly (readonly number[])[], b: readonly number[]) => b.map((bj, j) => x.reduce((s, xi, i) => s + xi * w[i]![j]!, bj));

/** One head's addressing in float64: content, interpolation, circular shift, sharpening. */
function addressReference(raw: readonly number[], memory: readonly (readonly number[])[], previous: readonly number[]): number[] {
  const n = memory.length;
  const key = raw.slice(0, WIDTH).map(Math.tanh);
  const [beta, g] = [softplus(raw[WIDTH]!), sigmoid(raw[WIDTH + 1]!)];
  const e = raw.slice(WIDTH + 2, WIDTH + 2 + SHIFTS.length).map(Math.exp);
  const s = e.map((x) => x / e.reduce((a, b) => a + b, 0));
  const gamma = 1 + softplus(raw[WIDTH + 2 + SHIFTS.length]!);
  const content = contentWeightingReference(memory, key, beta);
  const gated = content.map((c, i) => g * c + (1 - g) * previous[i]!);
  const shifted = gated.map((_, i) => SHIFTS.reduce<number>((sum, shift, j) => sum + gated[(((i - shift) % n) + n) % n]! * s[j]!, 0));
  const sharp = shifted.map((w) => Math.pow(w + 1e-8, gamma));
  const total = sharp.reduce((a, b) => a + b, 0);
  return sharp.map((w) => w / total);
}

describe('NeuralTuringMachine layer', () => {
  const layer = new NeuralTuringMachine({ units: UNITS, rows: ROWS, width: WIDTH, seed: 4 });
  layer.apply(tf.input({ shape: [null, FEATURES] }));
  const [W, U, b, Ww, bw, We, be, Wr, br] = [
    matrix(FEATURES, UNITS, 1.5),
    matrix(WIDTH, UNITS, 1.5),
    matrix(1, UNITS)[0]!,
    matrix(UNITS, layer.writeSize, 2),
    matrix(1, layer.writeSize)[0]!,
    matrix(UNITS, 2 * WIDTH, 2),
    matrix(1, 2 * WIDTH)[0]!,
    matrix(UNITS, layer.readSize, 2),
    matrix(1, layer.readSize)[0]!,
  ];
  tf.tidy(() => layer.setWeights([tf.tensor2d(W), tf.tensor2d(U), tf.tensor1d(b), tf.tensor2d(Ww), tf.tensor1d(bw), tf.tensor2d(We), tf.tensor1d(be), tf.tensor2d(Wr), tf.tensor1d(br)]));
  const xs = Array.from({ length: BATCH }, () => matrix(STEPS, FEATURES));

  it('computes controller, heads, weightings, memory and read vector at every step as the float64 reference does', () => {
    const steps = layer.unroll(tf.tensor3d(xs));
    const values = steps.map((s) => Object.fromEntries(Object.entries(s).map(([k, t]) => [k, t.arraySync()])));
    tf.dispose(steps.flatMap((s) => Object.values(s)));
    for (let n = 0; n < BATCH; n++) {
      let memory = Array.from({ length: ROWS }, () => Array<number>(WIDTH).fill(MEMORY_START));
      let [wW, wR] = [0, 1].map(() => Array.from({ length: ROWS }, (_, i): number => (i === 0 ? 1 : 0)));
      let read = Array<number>(WIDTH).fill(0);
      for (let t = 0; t < STEPS; t++) {
        const h = dense(xs[n]![t]!, W, b).map((v, j) => Math.tanh(v + read.reduce((s, r, i) => s + r * U[i]![j]!, 0)));
        const write = dense(h, Ww, bw);
        const readRaw = dense(h, Wr, br);
        const eraseAdd = dense(h, We, be);
        wW = addressReference(write, memory, wW!);
        const erase = eraseAdd.slice(0, WIDTH).map(sigmoid);
        const add = eraseAdd.slice(WIDTH).map(Math.tanh);
        memory = memory.map((row, i) => row.map((m, k) => m * (1 - wW![i]! * erase[k]!) + wW![i]! * add[k]!));
        wR = addressReference(readRaw, memory, wR!);
        read = Array.from({ length: WIDTH }, (_, k) => memory.reduce((s, row, i) => s + wR![i]! * row[k]!, 0));
        const at = values[t]! as Record<string, number[][]>;
        const close = (got: readonly number[], want: readonly number[], what: string) => want.forEach((v, i) => expect(got[i]!, `${what}[${i}] at t=${t}`).toBeCloseTo(v, 4));
        close(at.controller![n]!, h, 'h');
        close(at.write_weighting![n]!, wW!, 'wᵂ');
        close(at.read_weighting![n]!, wR!, 'wᴿ');
        memory.forEach((row, i) => close((at.memory![n]! as unknown as number[][])[i]!, row, `M[${i}]`));
        close(at.read![n]!, read, 'r');
      }
    }
  });

  it('keeps every head weighting ≥ 0 and summing to 1 at every step', () => {
    const steps = layer.unroll(tf.tensor3d(Array.from({ length: 8 }, () => matrix(STEPS, FEATURES, 3))));
    for (const [t, s] of steps.entries())
      for (const w of [s.write_weighting, s.read_weighting]) {
        expect(w.min().arraySync(), `t=${t}`).toBeGreaterThanOrEqual(0);
        (w.sum(1).arraySync() as number[]).forEach((total) => expect(total, `t=${t}`).toBeCloseTo(1, 5));
      }
    tf.dispose(steps.flatMap((s) => Object.values(s)));
  });

  it('round-trips through serialization with its config', () => {
    const config = layer.getConfig();
    const copy = tf.serialization.SerializationMap.getMap().classNameMap.NeuralTuringMachine![1](tf.serialization.SerializationMap.getMap().classNameMap.NeuralTuringMachine![0], config) as NeuralTuringMachine;
    expect([copy.units, copy.rows, copy.width]).toEqual([UNITS, ROWS, WIDTH]);
  });
});
