import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { MarkovChain, markovChain, walkChain } from '../../../src/network/layers/markov-chain';

const P = [
  [0.5, 0.5, 0],
  [0, 0.2, 0.8],
  [0.6, 0, 0.4],
];

/** The recurrence in plain JavaScript: s_t = s_{t−1} P + x_t from s_0 = 0. */
function reference(xs: readonly (readonly number[])[], p: readonly (readonly number[])[]): number[][] {
  let s = p.map(() => 0);
  return xs.map((x) => (s = x.map((xj, j) => xj + s.reduce((sum, si, i) => sum + si * p[i]![j]!, 0))));
}

describe('MarkovChain layer', () => {
  const input = tf.input({ shape: [null, 3] });
  const layer = markovChain({ states: 3, name: 'states' });
  const model = tf.model({ inputs: input, outputs: layer.apply(input) as tf.SymbolicTensor });
  layer.setTransitions(P);

  it('computes s_t = s_{t−1} P + x_t over the sequence, as plain JavaScript does', () => {
    const xs = [
      [1, 0, 0],
      [0, 0, 0],
      [0.2, 0, 0.3],
      [0, 0, 0],
    ];
    const out = tf.tidy(() => (model.predict(tf.tensor3d([xs])) as tf.Tensor3D).arraySync()[0]!);
    reference(xs, P).forEach((row, t) => row.forEach((v, j) => expect(out[t]![j], `step ${t} state ${j}`).toBeCloseTo(v, 6)));
  });

  it('runs one step through its cell: the next state from (x_t, s_{t−1})', () => {
    const [next] = layer.cell.call([tf.tensor2d([[0, 0.1, 0]]), tf.tensor2d([[0.3, 0.3, 0.4]])]);
    const expected = reference([[0.3, 0.3, 0.4], [0, 0.1, 0]], P)[1]!;
    Array.from(next!.dataSync()).forEach((v, j) => expect(v).toBeCloseTo(expected[j]!, 6));
  });

  it('holds P as its one weight, fixed (not trainable)', () => {
    expect(layer.weights.map((w) => [w.originalName.split('/').at(-1), w.shape, w.trainable])).toEqual([['transitions', [3, 3], false]]);
    expect(layer.trainableWeights).toEqual([]);
    expect(layer.transitionMatrix().map((r) => r.map((v) => Math.round(v * 10) / 10))).toEqual(P);
  });

  it('refuses a transition matrix whose rows do not sum to 1, or of the wrong size', () => {
    expect(() => layer.setTransitions([[0.5, 0.4, 0], P[1]!, P[2]!])).toThrow('expected every row to sum to 1, but row 0 sums to 0.9');
    expect(() => layer.setTransitions([[1, 0], [0, 1]])).toThrow('expected a 3 × 3 transition matrix');
    expect(() => layer.setTransitions([[1.5, -0.5, 0], P[1]!, P[2]!])).toThrow('expected probabilities in [0, 1]');
  });

  it('walks only along moves P allows, the same path for the same seed, visiting states as often as P says over a long walk', () => {
    const path = layer.walk(0, 20_000, 5);
    expect(Array.from(layer.walk(0, 50, 5))).toEqual(Array.from(path.slice(0, 50)));
    let from = 0;
    const counts = P.map((row) => row.map(() => 0));
    for (const to of path) {
      expect(P[from]![to], `${from} → ${to}`).toBeGreaterThan(0);
      counts[from]![to]!++;
      from = to;
    }
    // Empirical transition frequencies from state 1: 0.2 stay, 0.8 on to state 2.
    const fromOne = counts[1]!.reduce((a, b) => a + b, 0);
    expect(counts[1]![2]! / fromOne).toBeCloseTo(0.8, 1);
    expect(() => walkChain(P, 3, 10, 1)).toThrow('walk: expected a start state in 0–2, but got 3');
  });

  it('is registered with tfjs, so a model that uses it survives a round trip through JSON', async () => {
    const copy = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) as tf.io.ModelJSON['modelTopology'] });
    const restored = copy.layers.find((l) => l.getClassName() === 'MarkovChain') as MarkovChain;
    expect(restored.states).toBe(3);
    copy.dispose();
  });
});
