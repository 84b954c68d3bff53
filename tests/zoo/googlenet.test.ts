import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { withZeroWeights } from '../../src/architecture/structure-only';
import { LocalResponseNormalization } from '../../src/network/layers/local-response-normalization';
import googlenet, { moduleDepth, moduleName, moduleParams, TABLE_1_STAGES } from '../../src/zoo/googlenet';

/**
 * The paper's Table 1, row by row as printed: output size, the six filter columns of each inception
 * module, and the params column in thousands.
 */
const TABLE_1: readonly { row: string; output: [number, number, number]; widths?: readonly number[]; paramsK?: number }[] = [
  { row: 'conv1_7x7_s2', output: [112, 112, 64], paramsK: 2.7 },
  { row: 'pool1_3x3_s2', output: [56, 56, 64] },
  { row: 'conv2', output: [56, 56, 192], paramsK: 112 },
  { row: 'pool2_3x3_s2', output: [28, 28, 192] },
  { row: '3a', output: [28, 28, 256], widths: [64, 96, 128, 16, 32, 32], paramsK: 159 },
  { row: '3b', output: [28, 28, 480], widths: [128, 128, 192, 32, 96, 64], paramsK: 380 },
  { row: 'pool3_3x3_s2', output: [14, 14, 480] },
  { row: '4a', output: [14, 14, 512], widths: [192, 96, 208, 16, 48, 64], paramsK: 364 },
  { row: '4b', output: [14, 14, 512], widths: [160, 112, 224, 24, 64, 64], paramsK: 437 },
  { row: '4c', output: [14, 14, 512], widths: [128, 128, 256, 24, 64, 64], paramsK: 463 },
  { row: '4d', output: [14, 14, 528], widths: [112, 144, 288, 32, 64, 64], paramsK: 580 },
  { row: '4e', output: [14, 14, 832], widths: [256, 160, 320, 32, 128, 128], paramsK: 840 },
  { row: 'pool4_3x3_s2', output: [7, 7, 832] },
  { row: '5a', output: [7, 7, 832], widths: [256, 160, 320, 32, 128, 128], paramsK: 1072 },
  { row: '5b', output: [7, 7, 1024], widths: [384, 192, 384, 48, 128, 128], paramsK: 1388 },
  { row: 'pool5_7x7_s1', output: [1, 1, 1024] },
  { row: 'predictions', output: [1, 1, 1000], paramsK: 1000 },
];

// Table 1's network is small enough (7 million zeros) to build once for its structure.
const model = withZeroWeights(() => googlenet.build(googlenet.configs.canonical!));
afterAll(() => model.dispose());

const layersOf = (row: string) => (/^\d[a-e]$/.test(row) ? model.layers.filter((l) => l.name.startsWith(`inception_${row}_`)) : row === 'conv2' ? [model.getLayer('conv2_3x3_reduce'), model.getLayer('conv2_3x3')] : [model.getLayer(row)]);
const outputOf = (row: string) => model.getLayer(/^\d[a-e]$/.test(row) ? `inception_${row}_output` : row === 'conv2' ? 'conv2_3x3' : row).outputShape as number[];
/** Weights of a row without biases, in units of 1,024: how Table 1's K reads where it agrees. */
const kiloWeights = (row: string) => layersOf(row).reduce((sum, l) => sum + l.getWeights().filter((w) => w.rank > 1).reduce((s, w) => s + w.size, 0), 0) / 1024;

describe('googlenet', () => {
  it('has every row of the paper’s Table 1: the output size after each layer and the six filter columns of each inception module', () => {
    for (const { row, output, widths } of TABLE_1) {
      const shape = outputOf(row);
      expect(row === 'predictions' ? [1, 1, shape[1]] : shape.slice(1), row).toEqual(output);
      if (widths) expect(TABLE_1_STAGES.flat()[['3a', '3b', '4a', '4b', '4c', '4d', '4e', '5a', '5b'].indexOf(row)], row).toEqual(widths);
    }
    // The concatenation is the depth column: the four branches' maps side by side.
    expect(TABLE_1_STAGES.flat().map(moduleDepth)).toEqual([256, 480, 512, 512, 512, 528, 832, 832, 1024]);
    expect(model.countParams()).toBe(googlenet.published!.params);
  });

  it('agrees with Table 1’s params column within a thousand where the column is consistent, and documents where it is not', () => {
    // Counting weights without biases and K as 1,024 reproduces these rows to the printed digit or one off.
    for (const row of ['conv2', '3a', '3b', '4b', 'predictions']) expect(Math.abs(kiloWeights(row) - TABLE_1.find((r) => r.row === row)!.paramsK!), row).toBeLessThanOrEqual(1);
    // The rest disagree with the table's own filter columns by up to 8 %, however they are counted…
    for (const row of ['4a', '4c', '4d', '4e', '5a', '5b']) {
      const printed = TABLE_1.find((r) => r.row === row)!.paramsK!;
      expect(Math.abs(kiloWeights(row) / printed - 1), row).toBeGreaterThan(0.005);
      expect(Math.abs(kiloWeights(row) / printed - 1), row).toBeLessThan(0.08);
    }
    // …and the first convolution's 2.7K cannot be 7 × 7 × 3 × 64 = 9,408 weights.
    expect(kiloWeights('conv1_7x7_s2') * 1024).toBe(9408);
    // Summed, the column says 6.8 million; the filter columns give 7.0 million: 3 % more.
    const column = TABLE_1.reduce((sum, r) => sum + (r.paramsK ?? 0), 0);
    expect(column).toBeCloseTo(6797.7, 1);
    expect(model.countParams() / (column * 1000)).toBeCloseTo(1.03, 2);
  });

  it('runs Table 1 at inference: LRN with the BVLC constants in the stem, dropout of 40 %, one softmax output and no auxiliary classifiers', () => {
    const norms = model.layers.filter((l) => l instanceof LocalResponseNormalization) as LocalResponseNormalization[];
    expect(norms.map((l) => l.name)).toEqual(['pool1_norm1', 'conv2_norm2']);
    for (const l of norms) expect([l.size, l.k, l.alpha, l.beta]).toEqual([5, 1, 1e-4 / 5, 0.75]);
    expect((model.getLayer('dropout').getConfig() as { rate: number }).rate).toBe(0.4);
    expect(model.outputs).toHaveLength(1);
    expect(model.layers.filter((l) => l.getClassName() === 'Dense').map((l) => l.name)).toEqual(['predictions']);
    expect(model.layers.filter((l) => l.getClassName() === 'Conv2D')).toHaveLength(2 + 1 + 9 * 6);
  });

  it('in torchvision’s form (batch norm after every bias-free convolution, no LRN, a 3×3 convolution in the “5×5” branch) has torchvision’s 6,624,904 trainable parameters', () => {
    const torchvision = withZeroWeights(() => googlenet.build({ ...googlenet.configs.canonical!, implementation: 'torchvision', dropout: 0.2 }));
    const trainable = torchvision.trainableWeights.reduce((sum, w) => sum + w.read().size, 0);
    // torchvision.models.googlenet's num_params (GoogLeNet_Weights.IMAGENET1K_V1, aux_logits off).
    expect(trainable).toBe(6_624_904);
    expect(torchvision.getLayer('inception_3a_5x5').getWeights()[0]!.shape).toEqual([3, 3, 16, 32]);
    expect(torchvision.layers.some((l) => l instanceof LocalResponseNormalization)).toBe(false);
    torchvision.dispose();
  });

  it('pays for a 5×5 branch about a tenth of what it would cost without its 1×1 reduction (module 3a: 192 maps in, 16 reduced, 32 out)', () => {
    const reduced = model.getLayer('inception_3a_5x5_reduce').countParams() + model.getLayer('inception_3a_5x5').countParams();
    const direct = 5 * 5 * 192 * 32 + 32;
    expect(reduced).toBe(192 * 16 + 16 + 5 * 5 * 16 * 32 + 32);
    expect(direct / reduced).toBeGreaterThan(9);
    expect(moduleParams(192, TABLE_1_STAGES[0]![0]!)).toBe(layersOf('3a').reduce((s, l) => s + l.countParams(), 0));
  });

  it('concatenates its four branches’ maps side by side, in the order 1×1, 3×3, 5×5, pool projection (measured on the demo network)', () => {
    const small = googlenet.build(googlenet.configs.demo!);
    const name = `inception_${moduleName(0, 0)}`;
    const branches = ['1x1', '3x3', '5x5', 'pool_proj'].map((b) => small.getLayer(`${name}_${b}`).output as tf.SymbolicTensor);
    const probe = tf.model({ inputs: small.inputs, outputs: [small.getLayer(`${name}_output`).output as tf.SymbolicTensor, ...branches] });
    const x = tf.randomUniform([2, 8, 8, 1], 0, 1, 'float32', 3);
    const [joined, ...parts] = probe.predict(x) as tf.Tensor[];
    expect(joined!.shape).toEqual([2, 4, 4, moduleDepth(googlenet.configs.demo!.stages[0]![0]!)]);
    const expected = tf.concat(parts, -1);
    expect(tf.max(tf.abs(tf.sub(joined!, expected))).dataSync()[0]).toBe(0);
    tf.dispose([x, joined!, ...parts, expected]);
    small.dispose();
  });
});
