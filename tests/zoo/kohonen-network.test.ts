import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { traceModel } from '../../src/graph/trace';
import { createRandom } from '../../src/network/numerics/random';
import type { Progress } from '../../src/network/training/progress';
import kohonen, { prototypesOf, quantisationError, randomColours, trainKohonen, type KohonenSchedule } from '../../src/zoo/kohonen-network';

const distance = (a: readonly number[], b: readonly number[]) => Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]!) ** 2, 0));

/** Mean prototype distance between lattice neighbours (right and down), and between random pairs of units. */
function neighbourRatio(prototypes: readonly (readonly number[])[], rows: number, columns: number): number {
  const neighbours: number[] = [];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < columns; c++) {
      const k = r * columns + c;
      if (c + 1 < columns) neighbours.push(distance(prototypes[k]!, prototypes[k + 1]!));
      if (r + 1 < rows) neighbours.push(distance(prototypes[k]!, prototypes[k + columns]!));
    }
  const random = createRandom(99);
  const pairs = Array.from({ length: 2000 }, () => {
    const [a, b] = [Math.floor(random.next() * prototypes.length), Math.floor(random.next() * prototypes.length)];
    return distance(prototypes[a]!, prototypes[b]!);
  });
  const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  return mean(neighbours) / mean(pairs);
}

describe('kohonen-network', () => {
  const config = { inputs: 3, rows: 10, columns: 10, seed: 7 };
  const colours = randomColours(300, 1);
  const schedule: KohonenSchedule = { epochs: 15, learningRate: [0.5, 0.05], radius: [5, 0.25], seed: 2 };

  it('organises a colour map: the quantisation error falls, and lattice neighbours end up far more alike than random pairs', () => {
    const model = kohonen.build(config);
    const start = quantisationError(prototypesOf(model), colours);
    const startRatio = neighbourRatio(prototypesOf(model), 10, 10);
    const reports: Progress[] = [];
    const errors = trainKohonen(model, colours, schedule, { onProgress: (p) => reports.push(p) });
    // The wide early neighbourhood pulls the whole map to the middle of the cube; then it unfolds.
    expect(errors).toHaveLength(15);
    expect(errors.at(-1)!).toBeLessThan(0.5 * errors[0]!);
    for (let e = 3; e < errors.length; e += 3) expect(errors[e]!, `epoch ${e + 1} against ${e - 2}`).toBeLessThan(errors[e - 3]!);
    // …and ends covering the colours better than the random prototypes it started from.
    expect(errors.at(-1)!).toBeLessThan(start);
    // Random prototypes: neighbours are as unlike as any pair. Trained: neighbours are much closer.
    expect(startRatio).toBeGreaterThan(0.8);
    expect(neighbourRatio(prototypesOf(model), 10, 10)).toBeLessThan(0.3);
    expect(reports.map((p) => p.done)).toEqual(errors.map((_, i) => i + 1));
    expect(reports.map((p) => p.error)).toEqual(errors);
    model.dispose();
  });

  it('keeps its weights in the layer’s tensor: what training wrote is what the model answers with', () => {
    const model = kohonen.build(config);
    const snapshots: number[][][] = [];
    trainKohonen(model, colours, { ...schedule, epochs: 3 }, { onEpoch: (_, prototypes) => snapshots.push(prototypes.map((w) => [...w])) });
    expect(snapshots).toHaveLength(3);
    prototypesOf(model).forEach((w, k) => w.forEach((v, i) => expect(v).toBeCloseTo(snapshots[2]![k]![i]!, 6)));
    // An input equal to unit k's prototype is won by unit k.
    const answer = tf.tidy(() => Array.from((model.predict(tf.tensor2d([snapshots[2]![42]!])) as tf.Tensor).dataSync()));
    expect(answer.indexOf(1)).toBe(42);
    model.dispose();
  });

  it('is deterministic: the same seeds train the same map', () => {
    const run = () => {
      const model = kohonen.build(config);
      trainKohonen(model, colours.slice(0, 100), { ...schedule, epochs: 2 });
      const prototypes = prototypesOf(model);
      model.dispose();
      return prototypes;
    };
    expect(run()).toEqual(run());
  });

  it('draws its inputs wired to every lattice unit, and the lattice as an arrangement, not as connections', () => {
    const model = kohonen.build(kohonen.configs.diagram);
    const graph = traceModel(model, 'kohonen-network');
    expect(graph.groups.find((g) => g.id === 'lattice')).toMatchObject({ size: 9, lattice: { rows: 3, columns: 3 } });
    expect(graph.connections).toHaveLength(27);
    expect(graph.connections.every((c) => c.from.startsWith('input.') && c.to.startsWith('lattice.') && c.kind === 'dense' && c.trainable)).toBe(true);
    model.dispose();
  });
});
