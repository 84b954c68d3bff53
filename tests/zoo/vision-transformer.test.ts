import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { withZeroWeights } from '../../src/architecture/structure-only';
import demo from '../../src/demos/architectures/vision-transformer';
import { parseParams } from '../../src/demos/params';
import { progressPlan } from '../../src/demos/progress-plan';
import vit, { classTokenAttention, cutPatches, patchOrders, patchesOf, shufflePatches } from '../../src/zoo/vision-transformer';

const paramsOf = (model: tf.LayersModel, prefix: string) =>
  model.layers.filter((l) => l.name.startsWith(prefix)).reduce((sum, l) => sum + l.countParams(), 0);

describe('vision-transformer', () => {
  it('is ViT-B/16 as torchvision builds it, part by part: 590,592 + 768 + 151,296 + 12 × 7,087,872 + 1,536 + 769,000 = 86,567,656', () => {
    // One block at the canonical sizes, built with zero weights (structure only): the other eleven are the same.
    const model = withZeroWeights(() => vit.build({ ...vit.configs.canonical!, layers: 1 }));
    try {
      const shape = (name: string) => (model.getLayer(name).outputShape as number[]).slice(1);
      expect(shape('patches')).toEqual([196, 768]);
      expect(shape('patch_embedding')).toEqual([196, 768]);
      expect(shape('pos_embedding')).toEqual([197, 768]);
      expect(shape('encoder_layer_0_self_attention_scores')).toEqual([12, 197, 197]);
      expect(shape('encoder_layer_0_mlp_1')).toEqual([197, 3072]);
      expect(shape('head')).toEqual([1000]);
      const parts = [
        paramsOf(model, 'patch_embedding'),
        paramsOf(model, 'class_token'),
        paramsOf(model, 'pos_embedding'),
        paramsOf(model, 'encoder_layer_0_'),
        paramsOf(model, 'encoder_ln'),
        paramsOf(model, 'head'),
      ];
      // 16·16·3·768 + 768; 768; 197·768; (LN 2·768 + 4 projections 768² + 768 + LN + 768·3072 + 3072 + 3072·768 + 768); 2·768; 768·1000 + 1000.
      expect(parts).toEqual([590_592, 768, 151_296, 7_087_872, 1_536, 769_000]);
      expect(parts[0]! + parts[1]! + parts[2]! + 12 * parts[3]! + parts[4]! + parts[5]!).toBe(vit.published!.params);
      expect(model.countParams()).toBe(vit.published!.params - 11 * 7_087_872);
      expect(model.getLayer('encoder_ln').getConfig().epsilon).toBe(1e-6);
    } finally {
      model.dispose();
    }
  });

  it('reads an image as its patches, row by row, each flattened row by row, channels last', () => {
    // A 4×6 image with 2 channels: value = its index in the flat image.
    const image = Float32Array.from({ length: 48 }, (_, i) => i);
    const cut = cutPatches(image, { image: [4, 6, 2], patch: 2 });
    expect(cut).toHaveLength(48);
    // Patch 1 (first row of patches, second column): columns 2–3 of rows 0–1, both channels.
    expect(Array.from(cut.slice(8, 16))).toEqual([4, 5, 6, 7, 16, 17, 18, 19]);
    // Patch 3 (second row of patches, first column): columns 0–1 of rows 2–3.
    expect(Array.from(cut.slice(24, 32))).toEqual([24, 25, 26, 27, 36, 37, 38, 39]);
    expect(() => cutPatches(new Float32Array(10), { image: [4, 6, 2], patch: 2 })).toThrow(/expected 48 values, but got 10/);
  });

  it('moves whole patches when it shuffles them, and without position embeddings its answer does not change at all; with them it does', () => {
    const config = vit.configs.demo!;
    const image = Float32Array.from({ length: 64 }, (_, p) => p);
    // Patch 0 of the result is patch 3 of the image (the bottom-right 4×4), and so on.
    const moved = shufflePatches(image, config, [3, 2, 1, 0]);
    expect(Array.from(moved.slice(0, 4))).toEqual([36, 37, 38, 39]);
    expect(Array.from(moved.slice(60, 64))).toEqual([24, 25, 26, 27]);
    expect([...moved].sort((a, b) => a - b)).toEqual([...image]);
    const orders = patchOrders(20, patchesOf(config), 3);
    expect(orders.every((o) => [...o].sort().join() === '0,1,2,3')).toBe(true);

    const images = Array.from({ length: 20 }, (_, n) => Float32Array.from({ length: 64 }, (_, p) => Math.sin(n * 7 + p * 1.3) ** 2));
    const shuffled = images.map((im, n) => shufflePatches(im, config, orders[n]!));
    const outputs = (model: tf.LayersModel, xs: Float32Array[]) =>
      tf.tidy(() => (model.predict(tf.stack(xs.map((x) => tf.tensor(cutPatches(x, config), [4, 16])))) as tf.Tensor).arraySync() as number[][]);
    const gap = (positions: boolean) => {
      const model = vit.build({ ...config, positions });
      try {
        const [a, b] = [outputs(model, images), outputs(model, shuffled)];
        return Math.max(...a.flatMap((row, n) => row.map((v, k) => Math.abs(v - b[n]![k]!))));
      } finally {
        model.dispose();
      }
    };
    expect(gap(false)).toBeLessThan(1e-6);
    expect(gap(true)).toBeGreaterThan(1e-3);
  });

  it('reads where the class token looks: one weight per patch, together at most 1', () => {
    const model = vit.build(vit.configs.demo!);
    try {
      const weights = classTokenAttention(model, vit.configs.demo!, [new Float32Array(64).fill(0.5), new Float32Array(64)]);
      expect(weights).toHaveLength(2);
      for (const row of weights) {
        expect(row).toHaveLength(4);
        expect(row.every((w) => w > 0)).toBe(true);
        expect(row.reduce((a, b) => a + b, 0)).toBeLessThan(1);
      }
    } finally {
      model.dispose();
    }
  });

  it('learns the digits from four patches, and shuffling the patches costs it a third of its answers; the demo at its defaults, and the figures its article prints', async () => {
    // 272 (patch projection) + 16 + 80 + 1,088 (attention) + 1,072 (MLP) + 3 × 32 (layer normalisations) + 170 (classifier).
    const small = vit.build(vit.configs.demo!);
    expect(small.countParams()).toBe(2_794);
    small.dispose();
    const before = tf.memory().numTensors;
    const result = await demo.run(parseParams(demo.params, {}), progressPlan(demo.stages, () => {}));
    const metric = (name: string) => result.metrics.find((m) => m.name === name)!.value;
    expect(tf.memory().numTensors).toBe(before);
    expect(metric('accuracy')).toBeCloseTo(0.86, 2);
    expect(metric('shuffled-accuracy')).toBeCloseTo(0.617, 2);
    expect(metric('unchanged')).toBeCloseTo(0.664, 2);
  }, 60_000);

  it('without position embeddings sees a bag of patches: every answer survives shuffling, and it learns less', async () => {
    const result = await demo.run(parseParams(demo.params, { positions: '0' }), progressPlan(demo.stages, () => {}));
    const metric = (name: string) => result.metrics.find((m) => m.name === name)!.value;
    expect(metric('unchanged')).toBe(1);
    expect(metric('shuffled-accuracy')).toBe(metric('accuracy'));
    expect(metric('accuracy')).toBeCloseTo(0.729, 2);
  }, 60_000);
});
