import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import demo from '../../src/demos/architectures/lenet-5';
import { parseParams } from '../../src/demos/params';
import { progressPlan } from '../../src/demos/progress-plan';
import type { ConnectionTableConv2D } from '../../src/network/layers/connection-table-conv2d';
import { euclideanRbfReference } from '../../src/network/layers/euclidean-rbf';
import { subsamplingReference } from '../../src/network/layers/subsampling';
import { loadDigits } from '../../src/network/datasets/digits';
import lenet, { CONNECTION_TABLE, enlargeDigit, mapCriterion } from '../../src/zoo/lenet-5';

/** Table I of the paper as printed: a row per S2 map, a column per C3 map, X where they connect. */
const TABLE_I = [
  'X   XXX  XXXX XX',
  'XX   XXX  XXXX X',
  'XXX   XXX  X XXX',
  ' XXX  XXXX  X XX',
  '  XXX  XXXX XX X',
  '   XXX  XXXX XXX',
];

const article = () => readFileSync(new URL('../../content/architectures/lenet-5.mdx', import.meta.url), 'utf8');
const sizeOf = (shape: readonly (number | null)[]) => shape.reduce<number>((a, b) => a * (b ?? 1), 1);

/** One layer's output for a batch of inputs. */
function probe(model: tf.LayersModel, layer: string, x: tf.Tensor): tf.Tensor {
  return tf.model({ inputs: model.inputs, outputs: model.getLayer(layer).output as tf.SymbolicTensor }).predict(x) as tf.Tensor;
}

describe('lenet-5', () => {
  // The demo runs on WebAssembly in the browser; the same backend here (identical figures on the CPU one, five times slower).
  beforeAll(async () => {
    await tf.setBackend('wasm');
  });

  it('has the layers of the paper’s section II.B, with its parameter counts layer by layer: 60,000 trained, 840 fixed', () => {
    const model = lenet.build(lenet.configs.demo!);
    const rows = ['c1', 's2', 'c3', 's4', 'c5', 'f6', 'output'].map((name) => {
      const layer = model.getLayer(name);
      const trained = layer.trainableWeights.reduce((sum, w) => sum + sizeOf(w.shape), 0);
      return [name, (layer.outputShape as number[]).slice(1), trained, layer.countParams() - trained];
    });
    expect(rows).toEqual([
      ['c1', [28, 28, 6], 156, 0],
      ['s2', [14, 14, 6], 12, 0],
      ['c3', [10, 10, 16], 1516, 0],
      ['s4', [5, 5, 16], 32, 0],
      ['c5', [1, 1, 120], 48120, 0],
      ['f6', [84], 10164, 0],
      ['output', [10], 0, 840],
    ]);
    expect(rows.reduce((sum, row) => sum + (row[2] as number), 0)).toBe(60_000);
    model.dispose();
  });

  it('connects C3 to S2 exactly as Table I does, and a C3 map is unmoved by the S2 maps it does not read', () => {
    const columns = Array.from({ length: 16 }, (_, m) => TABLE_I.flatMap((row, s) => (row[m] === 'X' ? [s] : [])));
    expect(CONNECTION_TABLE).toEqual(columns);
    const model = lenet.build(lenet.configs.diagram);
    const c3 = model.getLayer('c3') as ConnectionTableConv2D;
    expect(c3.table).toEqual(columns);
    const kernel = c3.fullKernel();
    const taps = (kernel.arraySync() as number[][][][]).flat();
    kernel.dispose();
    TABLE_I.forEach((row, s) => [...row].forEach((mark, m) => expect(taps.some((tap) => tap[s]![m] !== 0), `S2 map ${s} → C3 map ${m}`).toBe(mark === 'X')));
    model.dispose();
  });

  it('S2 multiplies the sum of each 2×2 window of a C1 map by the map’s coefficient and adds its bias', () => {
    const model = lenet.build(lenet.configs.diagram);
    const s2 = model.getLayer('s2');
    const coefficients = [0.3, -0.5, 1.1, 0.25, 2, -1];
    const biases = [0, 0.1, -0.2, 0.3, -0.4, 0.5];
    s2.setWeights([tf.tensor1d(coefficients), tf.tensor1d(biases)]);
    const digits = loadDigits();
    const x = tf.tensor4d(enlargeDigit(digits.images[7]!), [1, 32, 32, 1]);
    const [c1, out] = tf.tidy(() => [probe(model, 'c1_squash', x).arraySync() as number[][][][], probe(model, 's2', x).arraySync() as number[][][][]]);
    for (let m = 0; m < 6; m++) {
      const map = c1[0]!.map((row) => row.map((cell) => cell[m]!));
      subsamplingReference(map, 2, coefficients[m]!, biases[m]!).forEach((row, r) => row.forEach((v, c) => expect(out[0]![r]![c]![m]!).toBeCloseTo(v, 4)));
    }
    x.dispose();
    model.dispose();
  });

  it('outputs, for each class, the squared distance from F6’s state to the class’s fixed ±1 code, and the smallest names the class', () => {
    const model = lenet.build(lenet.configs.demo!);
    const [codes] = model.getLayer('output').getWeights();
    const flat = Array.from(codes!.dataSync());
    expect(flat.every((w) => w === 1 || w === -1)).toBe(true);
    const centres = Array.from({ length: 84 }, (_, j) => flat.slice(j * 10, j * 10 + 10));
    const digits = loadDigits();
    const x = tf.tensor4d(enlargeDigit(digits.images[0]!), [1, 32, 32, 1]);
    const [f6, out] = tf.tidy(() => [Array.from(probe(model, 'f6_squash', x).dataSync()), Array.from((model.predict(x) as tf.Tensor).dataSync())]);
    euclideanRbfReference(f6, centres).forEach((v, i) => expect(out[i]!).toBeCloseTo(v, 2));
    // The MAP criterion is smallest when the correct class's distance is: the rubbish term caps the rest.
    const onehot = (k: number) => tf.oneHot([k], 10).toFloat();
    const best = out.indexOf(Math.min(...out));
    const worst = out.indexOf(Math.max(...out));
    const [atBest, atWorst] = tf.tidy(() => [mapCriterion(onehot(best), tf.tensor2d([out])).dataSync()[0]!, mapCriterion(onehot(worst), tf.tensor2d([out])).dataSync()[0]!]);
    expect(atBest).toBeLessThan(atWorst);
    x.dispose();
    model.dispose();
  });

  it('learns the enlarged digits: the demo’s default run classifies most of the 597 held-out digits, the figure the article prints, and leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const result = await demo.run(parseParams(demo.params, {}), progressPlan(demo.stages, () => {}));
    expect(tf.memory().numTensors).toBe(before);
    const accuracy = result.metrics.find((m) => m.name === 'accuracy')!.value;
    expect(result.metrics.find((m) => m.name === 'parameters')!.value).toBe(60_000);
    // Measured: 0.853 (509 of 597) after 3 epochs over 300 digits; chance is 0.1.
    expect(accuracy).toBeGreaterThan(0.8);
    const text = article();
    expect(text).toContain(`**${(100 * accuracy).toFixed(1)} %** of the 597 unseen digits`);
    expect(text).toContain(`(${Math.round(accuracy * 597)} of them)`);
  });
});
