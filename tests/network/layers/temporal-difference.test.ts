import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { TdError, TdTarget, tdError, tdTarget, tdTargetReference } from '../../../src/network/layers/temporal-difference';
import { copyWeights, WeightCopy, weightCopies, weightCopy } from '../../../src/network/layers/weight-copy';

const NEXT = [
  [0.5, -1, 2],
  [-3, -0.5, -2],
  [1, 1, 0],
];
const REWARD = [1, -0.05, 0];
const CONTINUES = [1, 1, 0];

function tdModel(gamma: number) {
  const next = tf.input({ shape: [3], name: 'next' });
  const reward = tf.input({ shape: [1], name: 'reward' });
  const continues = tf.input({ shape: [1], name: 'continues' });
  const values = tf.input({ shape: [3], name: 'values' });
  const y = tdTarget(gamma, 'y').apply([next, reward, continues]) as tf.SymbolicTensor;
  const delta = tdError('delta').apply([values, y]) as tf.SymbolicTensor;
  return tf.model({ inputs: [next, reward, continues, values], outputs: [y, delta] });
}

describe('TdTarget and TdError layers', () => {
  it('compute y = r + γ·c·max Q̂ and δ_a = y − Q(s, a) as the plain-JavaScript reference does (y = r where c = 0)', () => {
    const model = tdModel(0.9);
    const values = [
      [0, 1, 2],
      [3, 4, 5],
      [-1, 0, 1],
    ];
    const [y, delta] = tf.tidy(() => (model.predict([tf.tensor2d(NEXT), tf.tensor2d(REWARD, [3, 1]), tf.tensor2d(CONTINUES, [3, 1]), tf.tensor2d(values)]) as tf.Tensor[]).map((t) => t.arraySync() as number[][]));
    const reference = tdTargetReference(NEXT, REWARD, CONTINUES, 0.9);
    expect(reference[0]).toBeCloseTo(1 + 0.9 * 2);
    expect(reference[2]).toBe(0);
    y!.forEach((row, b) => expect(row[0]!).toBeCloseTo(reference[b]!, 5));
    delta!.forEach((row, b) => row.forEach((d, a) => expect(d).toBeCloseTo(reference[b]! - values[b]![a]!, 5)));
    expect(model.countParams()).toBe(0);
    model.dispose();
  });

  it('keep γ through serialization and refuse γ outside [0, 1)', async () => {
    const model = tdModel(0.5);
    const copy = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) as tf.io.ModelJSON['modelTopology'] });
    expect(copy.getLayer('y')).toBeInstanceOf(TdTarget);
    expect((copy.getLayer('y') as TdTarget).gamma).toBe(0.5);
    expect(copy.getLayer('delta')).toBeInstanceOf(TdError);
    model.dispose();
    copy.dispose();
    expect(() => tdTarget(1)).toThrow(/invalid gamma: 1/);
  });
});

describe('WeightCopy marker', () => {
  const pair = () => {
    const x = tf.input({ shape: [2], name: 'x' });
    const online = tf.layers.dense({ units: 3, name: 'online', kernelInitializer: tf.initializers.randomNormal({ seed: 1 }) });
    const target = tf.layers.dense({ units: 3, name: 'target', trainable: false, kernelInitializer: tf.initializers.randomNormal({ seed: 2 }) });
    const a = online.apply(x) as tf.SymbolicTensor;
    const b = weightCopy('online', 'target-copy').apply(target.apply(x)) as tf.SymbolicTensor;
    return tf.model({ inputs: x, outputs: [a, b] });
  };

  it('passes values on unchanged, names the layer copied, and copyWeights makes the copy', () => {
    const model = pair();
    const weights = (name: string) => model.getLayer(name).getWeights().map((w) => Array.from(w.dataSync()));
    expect(weightCopies(model).map(({ copy, of }) => `${of.name} → ${copy.name}`)).toEqual(['online → target']);
    expect(weights('target')).not.toEqual(weights('online'));
    copyWeights(model);
    expect(weights('target')).toEqual(weights('online'));
    const [a, b] = tf.tidy(() => (model.predict(tf.tensor2d([[1, -2]])) as tf.Tensor[]).map((t) => Array.from(t.dataSync())));
    expect(b).toEqual(a);
    model.dispose();
  });

  it('keeps the name of the layer copied through serialization', async () => {
    const model = pair();
    const copy = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) as tf.io.ModelJSON['modelTopology'] });
    expect(copy.getLayer('target-copy')).toBeInstanceOf(WeightCopy);
    expect((copy.getLayer('target-copy') as WeightCopy).of).toBe('online');
    model.dispose();
    copy.dispose();
    expect(() => weightCopy('')).toThrow(/invalid of/);
  });
});
