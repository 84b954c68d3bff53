import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { loadDigits } from '../../src/network/datasets/digits';
import { trainImageClassifier } from '../../src/network/training/image-classifier';
import { convolutionWeights } from '../../src/demos/architectures/vgg-16';
import vgg, { receptiveField, stageKernelWeights, type VggConfig } from '../../src/zoo/vgg-16';

const canonical = vgg.configs.canonical!;

/** Parameters of a VGG config counted by hand from its fields: weights plus biases, layer by layer. */
function countByHand(config: VggConfig): number {
  let channels = config.input[2]!;
  let total = 0;
  config.stages.forEach((convolutions, s) => {
    for (let i = 0; i < convolutions; i++) {
      total += config.kernel * config.kernel * channels * config.filters[s]! + config.filters[s]!;
      channels = config.filters[s]!;
    }
  });
  let width = Math.floor(config.input[0]! / 2 ** config.stages.length) * Math.floor(config.input[1]! / 2 ** config.stages.length) * channels;
  for (const units of [...config.dense, config.classes]) {
    total += width * units + units;
    width = units;
  }
  return total;
}

/** Input pixels the centre cell of the first output channel depends on, measured by its gradient. */
function seenPixels(config: VggConfig): number[][] {
  const model = vgg.build(config);
  // Positive weights and a positive image keep every ReLU open, so every path through the kernels shows.
  for (const layer of model.layers) if (layer.name.includes('_conv')) layer.setWeights(layer.getWeights().map((w) => tf.onesLike(w).mul(0.1)));
  const last = model.getLayer(`block1_conv${config.stages[0]}`);
  const features = tf.model({ inputs: model.inputs, outputs: last.output as tf.SymbolicTensor });
  const [side] = config.input as [number];
  const centre = Math.floor(side / 2);
  const gradient = tf.grad((x: tf.Tensor) => (features.predict(x) as tf.Tensor4D).slice([0, centre, centre, 0], [1, 1, 1, 1]).sum())(tf.ones([1, side, side, 1]));
  const values = gradient.arraySync() as number[][][][];
  model.dispose();
  return values[0]!.map((row) => row.map((v) => (v[0]! > 0 ? 1 : 0)));
}

const patchSide = (mask: number[][]) => {
  const rows = mask.filter((row) => row.some((v) => v === 1)).length;
  const cols = mask[0]!.filter((_, j) => mask.some((row) => row[j] === 1)).length;
  return { rows, cols, cells: mask.flat().filter((v) => v === 1).length };
};

describe('vgg-16', () => {
  it('is configuration D of the paper: 13 convolutions of 3×3 in five stages of 64 to 512 maps, then fc 4096, 4096 and 1000 classes — 138,357,544 parameters counted by hand', () => {
    expect(canonical).toMatchObject({ input: [224, 224, 3], stages: [2, 2, 3, 3, 3], filters: [64, 128, 256, 512, 512], kernel: 3, dense: [4096, 4096], classes: 1000 });
    expect(canonical.stages.reduce((a, b) => a + b) + canonical.dense.length + 1).toBe(16);
    expect(countByHand(canonical)).toBe(vgg.published!.params);
    expect(vgg.published!.params).toBe(138_357_544);
  });

  it('names and shapes its layers as Keras Applications does, pooling halving the image after every stage (checked on a 32×32 image with an eighth of the widths)', () => {
    const config = { ...canonical, input: [32, 32, 3], filters: canonical.filters.map((f) => f / 8), dense: [64, 64], classes: 10 };
    const model = vgg.build(config);
    const names = model.layers.map((l) => l.name);
    expect(names).toEqual([
      'input',
      ...canonical.stages.flatMap((n, s) => [...Array.from({ length: n }, (_, i) => `block${s + 1}_conv${i + 1}`), `block${s + 1}_pool`]),
      'flatten',
      'fc1',
      'fc2',
      'predictions',
    ]);
    expect(model.getLayer('block1_conv2').outputShape).toEqual([null, 32, 32, 8]);
    expect(model.getLayer('block3_pool').outputShape).toEqual([null, 4, 4, 32]);
    expect(model.getLayer('block5_pool').outputShape).toEqual([null, 1, 1, 64]);
    expect(model.countParams()).toBe(countByHand(config));
    model.dispose();
  });

  it('sees a 5×5 patch through two stacked 3×3 convolutions, as one 5×5 convolution does, and a 7×7 one through three (measured by gradients)', () => {
    const base = { ...vgg.configs.diagram, input: [11, 11, 1], filters: [2, 2], stages: [2, 1] };
    expect(patchSide(seenPixels({ ...base, stages: [1, 1], kernel: 3 }))).toEqual({ rows: 3, cols: 3, cells: 9 });
    expect(patchSide(seenPixels({ ...base, kernel: 3 }))).toEqual({ rows: 5, cols: 5, cells: 25 });
    expect(patchSide(seenPixels({ ...base, stages: [1, 1], kernel: 5 }))).toEqual({ rows: 5, cols: 5, cells: 25 });
    expect(patchSide(seenPixels({ ...base, stages: [3, 1], kernel: 3 }))).toEqual({ rows: 7, cols: 7, cells: 49 });
    expect([receptiveField(2, 3), receptiveField(1, 5), receptiveField(3, 3)]).toEqual([5, 5, 7]);
  });

  it('pays 2·9·C² kernel weights for two 3×3 layers of C maps where one 5×5 layer pays 25·C², and 27·C² where one 7×7 pays 49·C²', () => {
    const C = 512;
    expect(stageKernelWeights(C, C, 2, 3)).toBe(18 * C * C);
    expect(stageKernelWeights(C, C, 1, 5)).toBe(25 * C * C);
    expect(stageKernelWeights(C, C, 3, 3)).toBe(27 * C * C);
    expect(stageKernelWeights(C, C, 1, 7)).toBe(49 * C * C);
    // Where a stage's first layer widens the maps, as in every stage of the demo, the saving shrinks or turns round.
    const demo = vgg.configs.demo!;
    expect(convolutionWeights(demo)).toBe(9 * 1 * 4 + 9 * 4 * 4 + 9 * 4 * 8 + 9 * 8 * 8);
    expect(convolutionWeights({ ...demo, stages: [1, 1], kernel: 5 })).toBe(25 * 1 * 4 + 25 * 4 * 8);
  });

  it('learns the digits at demo size: its training loss falls by more than a fifth in five epochs', async () => {
    const { images, labels } = loadDigits();
    const model = vgg.build(vgg.configs.demo!);
    const losses = await trainImageClassifier(model, { images: images.slice(0, 200), labels: labels.slice(0, 200) }, 10, { epochs: 5, learningRate: 0.02, batchSize: 50 });
    expect(losses.at(-1)!).toBeLessThan(losses[0]! * 0.8);
    model.dispose();
  });
});
