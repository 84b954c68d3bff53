import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
// The demo trains on WebAssembly in the browser; its figures are measured there too. Importing the
// backend makes it tfjs's first choice, so every other test here picks the CPU backend first.
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { withZeroWeights } from '../../src/architecture/structure-only';
import demo from '../../src/demos/architectures/resnet-50';
import { parseParams } from '../../src/demos/params';
import { loadDigits } from '../../src/network/datasets/digits';
import { progressPlan } from '../../src/demos/progress-plan';
import resnet, { depthOf, torchvisionConfig, trainTwins } from '../../src/zoo/resnet-50';

const count = (weights: readonly tf.LayerVariable[]) => weights.reduce((sum, w) => sum + (w.shape as number[]).reduce((a, b) => a * b, 1), 0);

describe('resnet-50', () => {
  beforeAll(() => tf.setBackend('cpu'));

  it('is the paper’s 50-layer table as torchvision builds it: four stages of 3, 4, 6 and 3 bottleneck blocks, 56² × 256 down to 7² × 2048, and 25,557,032 trained parameters', () => {
    // Built once, with zero weights (structure only, as the canonical configuration is): 25 M floats.
    const model = withZeroWeights(() => resnet.build(torchvisionConfig));
    try {
      expect(count(model.trainableWeights)).toBe(25_557_032);
      // The rest are batch normalisation's running means and variances: 2 per channel of every BN.
      const bnChannels = model.layers.filter((l) => l.getClassName() === 'BatchNormalization').reduce((sum, l) => sum + (l.outputShape as number[]).at(-1)!, 0);
      expect(model.countParams() - 25_557_032).toBe(2 * bnChannels);
      // Keras's count adds one bias per convolution channel, and every convolution is followed by a BN.
      expect(resnet.published!.params - model.countParams()).toBe(bnChannels);

      const shape = (name: string) => (model.getLayer(name).outputShape as number[]).slice(1);
      expect(shape('conv1_conv')).toEqual([112, 112, 64]);
      expect(shape('pool1_pool')).toEqual([56, 56, 64]);
      expect(['conv2', 'conv3', 'conv4', 'conv5'].map((stage, s) => [stage, [3, 4, 6, 3][s]])).toEqual(
        ['conv2', 'conv3', 'conv4', 'conv5'].map((stage) => [stage, model.layers.filter((l) => l.name.startsWith(`${stage}_`) && l.name.endsWith('_add')).length]),
      );
      expect(['conv2_block3_out', 'conv3_block4_out', 'conv4_block6_out', 'conv5_block3_out'].map(shape)).toEqual([
        [56, 56, 256],
        [28, 28, 512],
        [14, 14, 1024],
        [7, 7, 2048],
      ]);
      expect(shape('avg_pool')).toEqual([2048]);
      expect(shape('predictions')).toEqual([1000]);
      // 49 convolutions on the main path and the classifier: the 50 layers of the name; plus 4 projections.
      const convolutions = model.layers.filter((l) => l.getClassName() === 'Conv2D').map((l) => l.name);
      expect(convolutions.filter((name) => !name.endsWith('_0_conv'))).toHaveLength(49);
      expect(depthOf(torchvisionConfig)).toBe(50);
      expect(convolutions.filter((name) => name.endsWith('_0_conv'))).toEqual(['conv2_block1_0_conv', 'conv3_block1_0_conv', 'conv4_block1_0_conv', 'conv5_block1_0_conv']);
      // Keras puts a stage's stride 2 on the first 1×1 convolution of its first block (and on the projection).
      const strides = (name: string) => (model.getLayer(name).getConfig().strides as number[])[0];
      expect(['conv3_block1_0_conv', 'conv3_block1_1_conv', 'conv3_block1_2_conv', 'conv3_block1_3_conv', 'conv2_block1_1_conv'].map(strides)).toEqual([2, 2, 1, 1, 1]);
      const bn = model.getLayer('conv4_block2_2_bn').getConfig();
      expect(bn.epsilon).toBe(1.001e-5);
    } finally {
      model.dispose();
    }
  });

  it('adds each block’s input back through its shortcut: an identity block whose branch outputs zero passes its input on unchanged', () => {
    const config = { ...resnet.configs.diagram, blocks: [2] as number[], widths: [2] as number[] };
    const model = resnet.build(config);
    try {
      const branch = model.getLayer('conv2_block2_3_bn');
      // γ = β = 0: the branch's last batch normalisation outputs 0 whatever its input.
      branch.setWeights(branch.getWeights().map((w, i) => (i < 2 ? tf.zerosLike(w) : w)));
      const x = tf.randomUniform([3, ...config.input], 0, 1, 'float32', 5);
      const [before, after] = tf.tidy(() => {
        const probe = tf.model({ inputs: model.inputs, outputs: [model.getLayer('conv2_block1_out').output, model.getLayer('conv2_block2_out').output] as tf.SymbolicTensor[] });
        return (probe.predict(x) as tf.Tensor[]).map((t) => Array.from(t.dataSync()));
      });
      // The block's input is a ReLU's output, ≥ 0, so relu(0 + x) = x.
      expect(after).toEqual(before);
      x.dispose();
    } finally {
      model.dispose();
    }
  });

  it('builds its plain twin from the same layers and starting weights, without the shortcuts and additions', () => {
    const residual = resnet.build(resnet.configs.demo!);
    const plain = resnet.build({ ...resnet.configs.demo!, skips: false });
    try {
      const names = (model: tf.LayersModel) => model.layers.map((l) => l.name);
      const skipLayers = names(residual).filter((name) => !names(plain).includes(name));
      expect(skipLayers).toEqual(['conv2_block1_0_conv', 'conv2_block1_0_bn', ...[1, 2, 3, 4].map((b) => `conv2_block${b}_add`)]);
      for (const layer of plain.layers) {
        const twin = residual.getLayer(layer.name).getWeights();
        layer.getWeights().forEach((w, i) => expect(Array.from(w.dataSync()), layer.name).toEqual(Array.from(twin[i]!.dataSync())));
      }
    } finally {
      residual.dispose();
      plain.dispose();
    }
  });

  it('trains the twins it is handed, both the same way, and leaves them to the caller: their weights move, nothing else stays behind', async () => {
    const config = { ...resnet.configs.demo!, blocks: [1] };
    const twins = { plain: resnet.build({ ...config, skips: false }), residual: resnet.build(config) };
    try {
      const { images, labels } = loadDigits();
      const before = tf.memory().numTensors;
      const weights = (model: tf.LayersModel) => Array.from(model.getLayer('predictions').getWeights()[0]!.dataSync());
      const start = [weights(twins.plain), weights(twins.residual)];
      // Same seed per layer name: the classifier starts alike in both.
      expect(start[0]).toEqual(start[1]);
      const losses = await trainTwins(twins, images.slice(0, 64), labels.slice(0, 64), { steps: 3, batchSize: 16, learningRate: 0.05 });
      expect(losses.plain).toHaveLength(3);
      expect(losses.residual).toHaveLength(3);
      for (const loss of [...losses.plain, ...losses.residual]) expect(Number.isFinite(loss)).toBe(true);
      // The models are still the caller's, trained: not disposed, their weights changed.
      expect(weights(twins.plain)).not.toEqual(start[0]);
      expect(weights(twins.residual)).not.toEqual(start[1]);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      twins.plain.dispose();
      twins.residual.dispose();
    }
  });

  it('trains, 14 layers deep, where its plain twin stays near chance: the demo at its defaults on its own backend (WebAssembly), 30 steps on the digits, same batches, same start, and the figures its article prints', async () => {
    expect(depthOf(resnet.configs.demo!)).toBe(14);
    expect(demo.backend).toBe('wasm');
    await tf.setBackend('wasm');
    const result = await Promise.resolve(demo.run(parseParams(demo.params, {}), progressPlan(demo.stages, () => {}))).finally(() => tf.setBackend('cpu'));
    const { 'plain-loss': plain, 'residual-loss': residual } = Object.fromEntries(result.metrics.map((m) => [m.name, m.value]));
    // Chance is ln 10 ≈ 2.30. Measured on WebAssembly: plain 2.044, residual 1.758 (on the CPU backend 2.103 and 1.770).
    expect(plain).toBeGreaterThan(2);
    expect(residual).toBeLessThan(1.85);
    expect(plain! - residual!).toBeGreaterThan(0.25);
    const article = readFileSync(new URL('../../content/architectures/resnet-50.mdx', import.meta.url), 'utf8');
    expect(article).toContain(`mean loss over the last 10 steps is **${plain!.toFixed(2)}** for the plain\ntwin`);
    expect(article).toContain(`and **${residual!.toFixed(2)}** for the residual network`);
  }, 120_000);
});
