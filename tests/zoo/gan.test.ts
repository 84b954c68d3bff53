import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { traceModel } from '../../src/graph/trace';
import { DEFAULT_RING, ringSamples } from '../../src/network/datasets/ring';
import { createRandom } from '../../src/network/numerics/random';
import { slicedWasserstein } from '../../src/network/numerics/sliced-wasserstein';
import gan, { ganParts, generate, trainGan, type GanTraining } from '../../src/zoo/gan';

const weightsOf = (model: tf.LayersModel, names: readonly string[]) => names.flatMap((n) => model.getLayer(n).getWeights().map((w) => Array.from(w.dataSync())));
const GENERATOR = ['generator-hidden', 'generated-sample'];
const DISCRIMINATOR = ['discriminator-hidden', 'real-or-fake'];
const training = (real = createRandom(3)): GanTraining => ({
  steps: 600,
  batchSize: 64,
  discriminatorRate: 0.005,
  generatorRate: 0.005,
  seed: 1,
  real: (n) => ringSamples(DEFAULT_RING, n, real),
});

describe('gan', () => {
  it('traces one graph in which the generated-sample cells feed the discriminator, and real data enters those same cells', () => {
    const model = gan.build(gan.configs.diagram);
    const graph = traceModel(model, 'gan');
    expect(graph.groups.map((g) => `${g.id}:${g.cellType}`).sort()).toEqual(
      ['noise:noisy-input', 'generator-hidden:hidden', 'generated-sample:match-input-output', 'real-data:input', 'discriminator-hidden:hidden', 'real-or-fake:output'].sort(),
    );
    const intoDiscriminator = graph.connections.filter((c) => c.to.startsWith('discriminator-hidden.'));
    expect(new Set(intoDiscriminator.map((c) => c.from))).toEqual(new Set(['generated-sample.0', 'generated-sample.1']));
    // Real feature k enters sample cell k as it is: one weightless data tie per feature.
    const ties = graph.connections.filter((c) => c.from.startsWith('real-data.'));
    expect(ties.map((c) => `${c.from}→${c.to}:${c.kind}:${c.trainable}`)).toEqual(['real-data.0→generated-sample.0:data:undefined', 'real-data.1→generated-sample.1:data:undefined']);
    model.dispose();
  });

  it('judges, in one model, the generated sample and the real one with the same discriminator', () => {
    const model = gan.build(gan.configs.diagram);
    const verdicts = tf.tidy(() => {
      const z = tf.randomNormal([5, 2], 0, 1, 'float32', 2);
      const real = tf.randomNormal([5, 2], 0, 1, 'float32', 3);
      const both = model.predict([z, real]) as tf.Tensor;
      const { generator, discriminator } = ganParts(model);
      const separately = [discriminator.predict(generator.predict(z) as tf.Tensor) as tf.Tensor, discriminator.predict(real) as tf.Tensor];
      const result = [both.shape, both.slice([0, 0, 0], [5, 1, 1]).arraySync(), both.slice([0, 1, 0], [5, 1, 1]).arraySync(), ...separately.map((t) => t.expandDims(1).arraySync())];
      discriminator.dispose();
      return result;
    });
    const [shape, generated, real, generatedAlone, realAlone] = verdicts;
    expect(shape).toEqual([5, 2, 1]);
    expect(generated).toEqual(generatedAlone);
    expect(real).toEqual(realAlone);
    model.dispose();
  });

  it('gives the generator and the discriminator as models of their own that share the combined model’s layers', () => {
    const tensors = tf.memory().numTensors;
    const model = gan.build(gan.configs.diagram);
    const { generator, discriminator } = ganParts(model);
    const z = tf.randomNormal([5, 2], 0, 1, 'float32', 2);
    const real = tf.randomNormal([5, 2], 0, 1, 'float32', 3);
    const [combined, staged] = tf.tidy(() => [(model.predict([z, real]) as tf.Tensor).slice([0, 0, 0], [5, 1, 1]).reshape([5, 1]), discriminator.predict(generator.predict(z) as tf.Tensor) as tf.Tensor]);
    expect(Array.from(staged.dataSync())).toEqual(Array.from(combined.dataSync()));
    expect(discriminator.getLayer('real-or-fake')).toBe(model.getLayer('real-or-fake'));
    tf.dispose([z, real, combined, staged]);
    discriminator.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('freezes the discriminator in the generator’s step and the generator in the discriminator’s step', () => {
    const onlyGenerator = gan.build(gan.configs.diagram);
    const d0 = weightsOf(onlyGenerator, DISCRIMINATOR);
    const g0 = weightsOf(onlyGenerator, GENERATOR);
    trainGan(onlyGenerator, { ...training(), steps: 5, discriminatorRate: 0 });
    expect(weightsOf(onlyGenerator, DISCRIMINATOR)).toEqual(d0);
    expect(weightsOf(onlyGenerator, GENERATOR)).not.toEqual(g0);

    const onlyDiscriminator = gan.build(gan.configs.diagram);
    const g1 = weightsOf(onlyDiscriminator, GENERATOR);
    trainGan(onlyDiscriminator, { ...training(), steps: 5, generatorRate: 0 });
    expect(weightsOf(onlyDiscriminator, GENERATOR)).toEqual(g1);
    onlyGenerator.dispose();
    onlyDiscriminator.dispose();
  });

  it('learns a ring off the origin: generated points end several times closer to the data (sliced Wasserstein)', () => {
    const model = gan.build(gan.configs.demo!);
    const reference = ringSamples(DEFAULT_RING, 800, createRandom(99));
    const distance = () => slicedWasserstein(generate(model, 800, 4), reference);
    const before = distance();
    const history = trainGan(model, training());
    const after = distance();
    expect(after).toBeLessThan(before / 3);
    // The generated points sit around the ring's centre, not at the origin where they began.
    const points = generate(model, 800, 5);
    const mean = [0, 1].map((axis) => points.filter((_, k) => k % 2 === axis).reduce((s, v) => s + v, 0) / 800);
    expect(Math.hypot(mean[0]! - DEFAULT_RING.centre[0], mean[1]! - DEFAULT_RING.centre[1])).toBeLessThan(0.3);
    // Neither player won outright: the discriminator still cannot tell the two apart with confidence.
    expect(history.discriminatorLoss.at(-1)!).toBeGreaterThan(0.5);
    model.dispose();
  });
});
