import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { boltzmannWeightsOf } from '../../../src/network/boltzmann';
import { BoltzmannMachine, boltzmannMachine } from '../../../src/network/layers/boltzmann-machine';
import { createRandom } from '../../../src/network/numerics/random';

describe('BoltzmannMachine layer', () => {
  const input = tf.input({ shape: [3] });
  const layer = boltzmannMachine({ hidden: 3, temperature: 0.7, seed: 4, name: 'hidden' });
  const model = tf.model({ inputs: input, outputs: layer.apply(input) as tf.SymbolicTensor });

  it('keeps one weight per pair of units above the diagonal of an n × n matrix (n = 3 visible + 3 hidden), and a bias per unit', () => {
    expect(layer.weights.map((w) => [w.originalName.split('/').at(-1), w.shape])).toEqual([['weights', [6, 6]], ['biases', [6]]]);
    const u = layer.getWeights()[0]!.arraySync() as number[][];
    u.forEach((row, i) => row.forEach((v, j) => (j <= i ? expect(v, `[${i}][${j}]`).toBe(0) : expect(Math.abs(v), `[${i}][${j}]`).toBeGreaterThan(0))));
    const { w } = boltzmannWeightsOf(layer);
    w.forEach((row, i) => row.forEach((v, j) => expect(v).toBe(w[j]![i]!)));
  });

  it('samples the hidden units one by one given the clamped visible ones, as a plain-JavaScript sweep with the same uniform numbers does', () => {
    tf.tidy(() => layer.setWeights([layer.getWeights()[0]!, tf.tensor1d([0.3, -0.2, 0.1, -0.4, 0.5, 0.2])]));
    const { w, b } = boltzmannWeightsOf(layer);
    const random = createRandom(8);
    const vs = Array.from({ length: 40 }, () => [0, 1, 2].map(() => (random.next() < 0.5 ? 1 : 0)));
    const answers = tf.tidy(() => (model.apply(tf.tensor2d(vs)) as tf.Tensor2D).arraySync());
    const uniforms = tf.tidy(() => tf.randomUniform([vs.length, 3], 0, 1, 'float32', 4).arraySync() as number[][]);
    let on = 0;
    vs.forEach((v, n) => {
      const s = [...v, 0, 0, 0];
      for (let k = 3; k < 6; k++) {
        const field = b[k]! + s.reduce((sum, x, j) => sum + w[j]![k]! * x, 0);
        s[k] = 1 / (1 + Math.exp(-field / 0.7)) >= uniforms[n]![k - 3]! ? 1 : 0;
      }
      expect(answers[n], `visible ${v.join('')}`).toEqual(s.slice(3));
      on += s.slice(3).reduce((a, x) => a + x, 0);
    });
    // Neither all off nor all on: the sweep really samples.
    expect(on).toBeGreaterThan(10);
    expect(on).toBeLessThan(110);
  });

  it('is registered with tfjs, so a model that uses it survives a round trip through JSON', async () => {
    const copy = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) as tf.io.ModelJSON['modelTopology'] });
    const restored = copy.layers.find((l) => l.getClassName() === 'BoltzmannMachine') as BoltzmannMachine;
    expect([restored.hidden, restored.temperature, restored.seed, restored.visible]).toEqual([3, 0.7, 4, 3]);
    copy.dispose();
  });

  it('refuses a hidden count that is not a positive integer and a temperature that is not positive', () => {
    expect(() => boltzmannMachine({ hidden: 0, temperature: 1 })).toThrow('BoltzmannMachine: expected hidden to be a positive integer, but got 0');
    expect(() => boltzmannMachine({ hidden: 2, temperature: 0 })).toThrow('BoltzmannMachine: expected temperature to be a finite number > 0, but got 0');
  });
});
