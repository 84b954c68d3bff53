import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { spikingLiquid, type LeakyIntegrateAndFireCellArgs } from '../../../src/network/layers/leaky-integrate-and-fire';

interface Trace {
  readonly spikes: number[][];
  readonly potentials: number[][];
}

/**
 * The LIF update written out in plain JS, neuron by neuron, as the cell's doc comment states it:
 * the reference the tfjs layer is checked against.
 */
function reference(args: LeakyIntegrateAndFireCellArgs, input: number[][], kernel: number[][], recurrent: number[][]): Trace {
  const n = args.units;
  let v = Array<number>(n).fill(0);
  let r = Array<number>(n).fill(0);
  let s = Array<number>(n).fill(0);
  const trace: Trace = { spikes: [], potentials: [] };
  for (const x of input) {
    const u = Array.from({ length: n }, (_, k) => args.leak * v[k]! + x.reduce((sum, xi, i) => sum + xi * kernel[i]![k]!, 0) + s.reduce((sum, sj, j) => sum + sj * recurrent[j]![k]!, 0));
    const fired = u.map((uk, k) => (uk >= args.threshold && r[k]! <= 0 ? 1 : 0));
    v = u.map((uk, k) => (fired[k] || r[k]! > 0 ? 0 : uk));
    r = r.map((rk, k) => (fired[k] ? args.refractory : Math.max(rk - 1, 0)));
    s = fired;
    trace.spikes.push(fired);
    trace.potentials.push(v);
  }
  return trace;
}

/** Runs the SpikingLiquid layer and reads its spikes, and its potentials by stepping its cell. */
function run(args: LeakyIntegrateAndFireCellArgs, input: number[][], kernel: number[][], recurrent: number[][]): Trace {
  const layer = spikingLiquid(args);
  return tf.tidy(() => {
    const x = tf.tensor3d([input]);
    const spikes = (layer.apply(x) as tf.Tensor3D).arraySync()[0]!;
    layer.setWeights([tf.tensor2d(kernel), tf.tensor2d(recurrent)]);
    const fired = (layer.apply(x) as tf.Tensor3D).arraySync()[0]!;
    expect(spikes.flat().every((v) => v === 0), 'silent before its synapses are written').toBe(true);
    const cell = (layer as unknown as { cell: tf.layers.Layer }).cell;
    let states = [tf.zeros([1, args.units]), tf.zeros([1, args.units]), tf.zeros([1, args.units])];
    const potentials: number[][] = [];
    for (const row of input) {
      const [, v, r, s] = cell.call([tf.tensor2d([row]), ...states], {}) as tf.Tensor[];
      states = [v!, r!, s!];
      potentials.push(Array.from(v!.dataSync()));
    }
    return { spikes: fired, potentials };
  });
}

describe('LeakyIntegrateAndFireCell', () => {
  const one: LeakyIntegrateAndFireCellArgs = { units: 1, leak: 0.9, threshold: 1, refractory: 3 };

  it('integrates its input with leak, fires on reaching the threshold, resets to 0 and stays silent for the refractory period', () => {
    // A constant drive of 0.3 per step: 0.3, 0.57, 0.813, 1.0317 ≥ 1 → spike at step 3 (0-based).
    const input = Array.from({ length: 14 }, () => [1]);
    const got = run(one, input, [[0.3]], [[0]]);
    const want = reference(one, input, [[0.3]], [[0]]);
    expect(got.spikes.map((s) => s[0])).toEqual(want.spikes.map((s) => s[0]));
    got.potentials.forEach((v, t) => expect(v[0]!, `potential at step ${t}`).toBeCloseTo(want.potentials[t]![0]!, 5));
    expect(want.spikes.map((s) => s[0])).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0]);
    // Below the threshold it integrates with leak; at the spike it resets; for 3 steps it is clamped at 0 though driven.
    expect(got.potentials.slice(0, 3).map((v) => v[0])).toEqual([0.3, 0.3 * 0.9 + 0.3, (0.3 * 0.9 + 0.3) * 0.9 + 0.3].map((v) => expect.closeTo(v, 5)));
    expect(got.potentials.slice(3, 7).map((v) => v[0])).toEqual([0, 0, 0, 0]);
    expect(got.potentials[7]![0]).toBeCloseTo(0.3, 5);
  });

  it('stays silent during the refractory period even under input strong enough to fire every step', () => {
    const input = Array.from({ length: 9 }, () => [1]);
    const got = run(one, input, [[5]], [[0]]);
    expect(got.spikes.map((s) => s[0])).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(got.spikes).toEqual(reference(one, input, [[5]], [[0]]).spikes);
  });

  it('matches the reference spike for spike in a small recurrent population with excitatory and inhibitory synapses', () => {
    const args: LeakyIntegrateAndFireCellArgs = { units: 4, leak: 0.95, threshold: 1, refractory: 2 };
    const kernel = [
      [0.7, 0, 0.4, 0],
      [0, 0.6, 0, 0.9],
    ];
    const recurrent = [
      [0, 0.5, 0, 0.3],
      [0.4, 0, 0.6, 0],
      [0, 0, 0, 0.8],
      [-0.9, -0.9, 0, 0],
    ];
    const input = Array.from({ length: 40 }, (_, t) => [t % 3 === 0 ? 1 : 0, t % 5 === 1 ? 1 : 0]);
    const got = run(args, input, kernel, recurrent);
    const want = reference(args, input, kernel, recurrent);
    expect(got.spikes).toEqual(want.spikes);
    expect(want.spikes.flat().filter((s) => s === 1).length).toBeGreaterThan(10);
    got.potentials.forEach((row, t) => row.forEach((v, k) => expect(v, `neuron ${k}, step ${t}`).toBeCloseTo(want.potentials[t]![k]!, 5)));
  });

  it('keeps its synapses out of training: no trainable weights', () => {
    const layer = spikingLiquid({ units: 3, leak: 0.9, threshold: 1, refractory: 1 });
    tf.tidy(() => void layer.apply(tf.zeros([1, 2, 2])));
    expect(layer.weights.map((w) => w.originalName.split('/').at(-1))).toEqual(['kernel', 'recurrent_kernel']);
    expect(layer.trainableWeights).toEqual([]);
  });
});
