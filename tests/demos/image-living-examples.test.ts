import { describe, expect, it } from 'vitest';
import type { AnyArchitecture } from '../../src/architecture/types';
import alexnet from '../../src/demos/architectures/alexnet';
import capsuleNetwork from '../../src/demos/architectures/capsule-network';
import convolutionalNetwork from '../../src/demos/architectures/convolutional-network';
import dcign from '../../src/demos/architectures/dcign';
import deconvolutionalNetwork from '../../src/demos/architectures/deconvolutional-network';
import deepResidualNetwork from '../../src/demos/architectures/deep-residual-network';
import googlenet from '../../src/demos/architectures/googlenet';
import lenet5 from '../../src/demos/architectures/lenet-5';
import resnet50 from '../../src/demos/architectures/resnet-50';
import vgg16 from '../../src/demos/architectures/vgg-16';
import visionTransformer from '../../src/demos/architectures/vision-transformer';
import zfnet from '../../src/demos/architectures/zfnet';
import { twoSpirals } from '../../src/network/datasets';
import { loadDigits } from '../../src/network/datasets/digits';
import type { ParamSchema } from '../../src/demos/params';
import type { DemoDefinition } from '../../src/demos/types';
import { enlargeDigit } from '../../src/zoo/lenet-5';
import { cutPatches } from '../../src/zoo/vision-transformer';
import vit from '../../src/zoo/vision-transformer';
import { enlarge } from '../../src/zoo/zfnet';
import { runUntilWatched } from '../support/watching';

const digits = loadDigits();
/** The first digit of the held-out part (the last 597 of the 1,797), where a demo keeps one apart from 1,200 on. */
const HELD_OUT = 1200;

/** The first digit showing `label` from `from` on. */
const firstOf = (label: number, from: number) => from + digits.labels.slice(from).indexOf(label);

/** What each demo's living diagram should be fed at its defaults: one real input, as the network takes it. */
const EXPECTED: Record<string, { demo: DemoDefinition<ParamSchema>; example: (values: Record<string, number>) => ArrayLike<number> }> = {
  // No test set: the first digit after the training digits.
  alexnet: { demo: alexnet as never, example: (v) => digits.images[v.trainImages!]! },
  googlenet: { demo: googlenet as never, example: () => digits.images[HELD_OUT]! },
  'vgg-16': { demo: vgg16 as never, example: () => digits.images[HELD_OUT]! },
  zfnet: { demo: zfnet as never, example: () => enlarge(digits.images[HELD_OUT]!, 8, 2) },
  'convolutional-network': { demo: convolutionalNetwork as never, example: () => digits.images[HELD_OUT]! },
  // The generator's input: the one-hot code of the digit the blend starts from.
  'deconvolutional-network': { demo: deconvolutionalNetwork as never, example: (v) => Array.from({ length: 10 }, (_, c) => (c === v.blendFrom ? 1 : 0)) },
  'deep-residual-network': { demo: deepResidualNetwork as never, example: () => twoSpirals({ count: 200, noise: 0.1, seed: 1 }).inputs[0]! },
  // Held out from 1,000 on, cut into its patches.
  'vision-transformer': { demo: visionTransformer as never, example: () => cutPatches(digits.images[1000]!, vit.configs.demo!) },
  // The first held-out 3, 5 or 8 (every fourth of them is held out, from the first).
  'capsule-network': { demo: capsuleNetwork as never, example: () => digits.images[digits.labels.findIndex((l) => [3, 5, 8].includes(l))]! },
  // The digit the reader looks inside: the first held-out one of their choice.
  'lenet-5': { demo: lenet5 as never, example: (v) => enlargeDigit(digits.images[firstOf(v.digit!, HELD_OUT)]!, 32) },
  // Held out from 1,000 on (digitSplit); the one whose code the traversal varies, as for LeNet-5.
  dcign: { demo: dcign as never, example: (v) => digits.images[firstOf(v.digit!, 1000)]! },
  // The first digit neither twin trains on.
  'resnet-50': { demo: resnet50 as never, example: () => digits.images[HELD_OUT]! },
};

describe('the image demos’ living diagrams', () => {
  it.each(Object.keys(EXPECTED))('%s watches its own network, built at living.config(values), on one real input of its data', async (id) => {
    const { demo, example } = EXPECTED[id]!;
    const caught = await runUntilWatched(demo);
    const values = caught.values;
    expect(caught.finished, 'progress.finish in the run’s finally').toBe(true);
    const seen = { ...caught, example: caught.inputs[0]!.values, shape: caught.inputs[0]!.shape };
    expect(seen.shape[0], 'a batch of one').toBe(1);
    const expected = Array.from(example(values as Record<string, number>));
    expect(seen.example).toHaveLength(expected.length);
    seen.example.forEach((v, k) => expect(v, `example value ${k}`).toBeCloseTo(expected[k]!, 6));
    // The very network the page's prepared drawing is made from: the same layers, starting from the same weights.
    const { architecture, config } = demo.living!;
    const fresh = (architecture as AnyArchitecture).build(config(values as never) as never);
    try {
      expect(seen.layers).toEqual(fresh.layers.map((l) => l.name));
      expect(seen.weights).toEqual(fresh.getWeights().map((w) => Array.from(w.dataSync())));
    } finally {
      fresh.dispose();
    }
  });
});
