import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { withZeroWeights } from '../../src/architecture/structure-only';
import { epochsToReach } from '../../src/demos/architectures/alexnet';
import { loadDigits } from '../../src/network/datasets/digits';
import { imageBatch, layerTable, trainImageClassifier } from '../../src/network/imagenet-convnet';
import { GroupedConv2D } from '../../src/network/layers/grouped-conv2d';
import { LocalResponseNormalization } from '../../src/network/layers/local-response-normalization';
import alexnet, { TORCHVISION_ALEXNET } from '../../src/zoo/alexnet';

/** k·k·(Cin/g)·Cout + Cout, from the numbers of a layer table. */
const conv = (k: number, cin: number, cout: number, groups = 1) => k * k * (cin / groups) * cout + cout;
const dense = (inputs: number, outputs: number) => inputs * outputs + outputs;

describe('alexnet', () => {
  it('has the shape of the paper’s Figure 2 as Caffe’s bvlc_alexnet writes it: 55, 27, 13 and 6 cells a side, 60,965,224 parameters', () => {
    // Layer by layer from models/bvlc_alexnet/deploy.prototxt (num_output, kernel_size, group).
    const caffe = [conv(11, 3, 96), conv(5, 96, 256, 2), conv(3, 256, 384), conv(3, 384, 384, 2), conv(3, 384, 256, 2), dense(6 * 6 * 256, 4096), dense(4096, 4096), dense(4096, 1000)];
    const table = layerTable(alexnet.configs.canonical!);
    expect(table.filter((r) => r.params > 0).map((r) => r.params)).toEqual(caffe);
    expect(table.map((r) => `${r.layer} ${r.side}×${r.side}×${r.channels}`)).toEqual([
      'conv1 55×55×96',
      'pool1 27×27×96',
      'conv2 27×27×256',
      'pool2 13×13×256',
      'conv3 13×13×384',
      'conv4 13×13×384',
      'conv5 13×13×256',
      'pool5 6×6×256',
      'fc6 1×1×4096',
      'fc7 1×1×4096',
      'fc8 1×1×1000',
    ]);
    expect(caffe.reduce((a, b) => a + b)).toBe(60_965_224);
    expect(alexnet.published!.params).toBe(60_965_224);
    // The paper's 224 does not give 55: (224 − 11)/4 + 1 is not a whole number of windows.
    expect((224 - 11) / 4 + 1).not.toBe(55);
    expect((227 - 11) / 4 + 1).toBe(55);
  });

  it('builds torchvision’s one-GPU AlexNet from the same definition: 61,100,840 parameters, as torchvision states', () => {
    const model = withZeroWeights(() => alexnet.build(TORCHVISION_ALEXNET));
    try {
      expect(model.countParams()).toBe(61_100_840);
      const torchvision = [conv(11, 3, 64), conv(5, 64, 192), conv(3, 192, 384), conv(3, 384, 256), conv(3, 256, 256), dense(9216, 4096), dense(4096, 4096), dense(4096, 1000)];
      expect(torchvision.reduce((a, b) => a + b)).toBe(61_100_840);
      expect(model.getLayer('pool5').outputShape).toEqual([null, 6, 6, 256]);
      expect(model.layers.some((l) => l instanceof LocalResponseNormalization)).toBe(false);
      expect(model.layers.filter((l) => l instanceof GroupedConv2D).every((l) => (l as GroupedConv2D).groups === 1)).toBe(true);
    } finally {
      model.dispose();
    }
  });

  it('splits conv2, conv4 and conv5 over two GPUs, normalises after conv1 and conv2 with n = 5, k = 2, α = 10⁻⁴, β = 0.75, and pools 3×3 windows at stride 2', () => {
    const config = alexnet.configs.canonical!;
    expect(config.convolutions.map((c) => c.groups)).toEqual([1, 2, 1, 2, 2]);
    expect(config.convolutions.map((c) => c.after.join(' '))).toEqual(['norm pool', 'norm pool', '', '', 'pool']);
    expect(config.pool).toEqual({ size: 3, stride: 2 });
    // The built network, at the diagram's size: the same layers in the same order.
    const model = alexnet.build(alexnet.configs.diagram);
    try {
      const norm = model.getLayer('norm1') as LocalResponseNormalization;
      expect([norm.size, norm.k, norm.alpha, norm.beta]).toEqual([5, 2, 1e-4, 0.75]);
      const conv2 = model.getLayer('conv2') as GroupedConv2D;
      // Each of conv2's filters reads half of conv1's 4 maps: a 3×3×2 kernel per filter.
      expect(conv2.groups).toBe(2);
      expect(conv2.getWeights()[0]!.shape).toEqual([3, 3, 2, 4]);
      expect(model.layers.map((l) => l.name)).toEqual(['input', 'conv1', 'norm1', 'pool1', 'conv2', 'norm2', 'pool2', 'conv3', 'conv4', 'conv5', 'flatten', 'fc6', 'drop6', 'fc7', 'drop7', 'fc8']);
      // Overlapping pooling: a 3×3 window every 2 cells, so neighbouring windows share a row or column.
      const pool = model.getLayer('pool1') as unknown as { poolSize: number[]; strides: number[] };
      expect([pool.poolSize, pool.strides]).toEqual([[3, 3], [2, 2]]);
    } finally {
      model.dispose();
    }
  });

  it('normalises a strongly responding channel’s neighbours: the same activation comes out smaller beside a large one', () => {
    const model = alexnet.build(alexnet.configs.diagram);
    const norm = model.getLayer('norm1');
    const quiet = tf.tensor4d([10, 10, 10, 10], [1, 1, 1, 4]);
    const loud = tf.tensor4d([10, 200, 10, 10], [1, 1, 1, 4]);
    const a = Array.from((norm.apply(quiet) as tf.Tensor).dataSync());
    const b = Array.from((norm.apply(loud) as tf.Tensor).dataSync());
    // Channel 0 is 10 in both; beside a channel of 200 its denominator (2 + 10⁻⁴ Σ a²)^0.75 grows.
    expect(b[0]!).toBeLessThan(a[0]!);
    expect(a[0]!).toBeCloseTo(10 / (2 + 1e-4 * 300) ** 0.75, 4);
    expect(b[0]!).toBeCloseTo(10 / (2 + 1e-4 * (100 + 40000 + 100)) ** 0.75, 4);
    tf.dispose([quiet, loud]);
    model.dispose();
  });

  it('trains faster with ReLUs than with tanh units from the same start, on a small digit task (the paper’s Figure 1 in miniature)', async () => {
    // The demo's 200 digits and learning rate, but 4 epochs instead of 6, to keep the test cheap.
    const { images, labels } = loadDigits();
    const errors: Record<string, number[]> = {};
    const live = tf.memory().numTensors;
    for (const activation of ['relu', 'tanh'] as const) {
      const model = alexnet.build({ ...alexnet.configs.demo!, activation });
      errors[activation] = await trainImageClassifier(model, images.slice(0, 200), labels.slice(0, 200), { epochs: 4, learningRate: 0.005, momentum: 0.9, batchSize: 20 });
      model.dispose();
    }
    expect(tf.memory().numTensors, 'tensors left behind by training').toBe(live);
    // Measured: ReLU 0.780, 0.530, 0.190, 0.155; tanh 0.730, 0.585, 0.345, 0.265.
    expect(errors.relu!.at(-1)!).toBeLessThan(errors.tanh!.at(-1)!);
    expect(epochsToReach(errors.relu!, 0.25)).toBe(3);
    expect(epochsToReach(errors.tanh!, 0.25)).toBeUndefined();
    expect(errors.relu!.map((e) => e.toFixed(3))).toEqual(['0.780', '0.530', '0.190', '0.155']);
  }, 60_000);

  it('refuses, naming the layer, a table whose groups do not divide its channels or whose maps would vanish', () => {
    const demo = alexnet.configs.demo!;
    const first = demo.convolutions[0]!;
    expect(() => alexnet.build({ ...demo, convolutions: [{ ...first, groups: 3 }] })).toThrow(/conv1: expected its 1 input channels and 16 filters to be multiples of its 3 groups/);
    expect(() => alexnet.build({ ...demo, convolutions: [{ ...first, kernel: 11, padding: 0 }] })).toThrow(/conv1: a 11×11 kernel does not fit its 8×8 input/);
    expect(() => alexnet.build({ ...demo, input: 2, convolutions: [{ ...first, after: ['pool'] }] })).toThrow(/pool1: a 3×3 window does not fit its 2×2 input/);
  });

  it('counts epochs to a target error from the first epoch that reaches it', () => {
    expect(epochsToReach([0.9, 0.5, 0.25, 0.1], 0.25)).toBe(3);
    expect(epochsToReach([0.9, 0.5], 0.25)).toBeUndefined();
    const x = imageBatch([new Float32Array(64).fill(1)], 8);
    expect(x.shape).toEqual([1, 8, 8, 1]);
    x.dispose();
  });
});
