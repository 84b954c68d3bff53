import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { DncCell, interfaceLayout, interfaceSize, unrollDnc, type DncStep } from '../../../src/network/layers/dnc';

const sizes = { controller: 4, locations: 4, width: 4, readHeads: 1 };

/** A cell whose interface vector is set by hand: W_ξ = 0, so ξ_t is the interface bias alone. */
function scripted(): DncCell {
  const cell = new DncCell({ ...sizes, seed: 1 });
  cell.build([null, 2]);
  const kernel = cell.weights.find((w) => w.originalName.endsWith('interface_kernel'))!;
  kernel.write(tf.zerosLike(kernel.read()));
  return cell;
}

/** The interface bias for one step: named slices as pre-activation values (0 elsewhere). */
function interfaceVector(values: Partial<Record<string, readonly number[]>>): tf.Tensor1D {
  const flat: number[] = [];
  for (const { name, size } of interfaceLayout(sizes)) {
    const v = values[name.split(' ')[0]! + (name.includes(' ') ? ` ${name.split(' ')[1]}` : '')] ?? new Array<number>(size).fill(0);
    if (v.length !== size) throw new Error(`${name}: expected ${size} values`);
    flat.push(...v);
  }
  return tf.tensor1d(flat);
}

/** Runs the scripted cell one step per interface vector, carrying its state; returns each step's values. */
function run(cell: DncCell, script: readonly tf.Tensor1D[]): DncStep[] {
  const bias = cell.weights.find((w) => w.originalName.endsWith('interface_bias'))!;
  let states = cell.stateSize.map((n) => tf.zeros([1, n]) as tf.Tensor2D);
  return script.map((xi) => {
    bias.write(xi);
    const step = tf.tidy(() => cell.step(tf.zeros([1, 2]), states));
    tf.dispose(states);
    states = cell.flatState(step);
    return step;
  });
}

const argmax = (t: tf.Tensor): number => (t.argMax(-1).dataSync() as Int32Array)[0]!;
const ON = 12;
const OFF = -12;
const vectors = [
  [1, -1, -1, -1],
  [-1, 1, -1, -1],
  [-1, -1, 1, -1],
  [-1, -1, -1, 1],
];
const write = (v: readonly number[], extra: Partial<Record<string, readonly number[]>> = {}) =>
  interfaceVector({ 'write vector': v, 'erase e': [ON, ON, ON, ON], 'allocation gate': [ON], 'write gate': [ON], 'free gates': [OFF], 'read modes': [OFF, ON, OFF], ...extra });
const readContent = (key: readonly number[], extra: Partial<Record<string, readonly number[]>> = {}) =>
  interfaceVector({ 'write gate': [OFF], 'free gates': [OFF], 'read keys': key, 'read strengths': [20], 'read modes': [OFF, ON, OFF], ...extra });

afterAll(() => tf.disposeVariables());

describe('DncCell', () => {
  it('interface vector: R·W + 3W + 5R + 3 numbers', () => {
    expect(interfaceSize(sizes)).toBe(4 + 12 + 5 + 3);
  });

  it('writes a sequence to fresh locations in order, and forward reads then follow the order it was written in', () => {
    const cell = scripted();
    const steps = run(cell, [
      ...vectors.map((v) => write(v)),
      readContent(vectors[0]!),
      ...vectors.slice(1).map(() => interfaceVector({ 'write gate': [OFF], 'free gates': [OFF], 'read modes': [OFF, OFF, ON] })),
    ]);
    const written = steps.slice(0, 4).map((s) => argmax(s.write));
    // Each write goes to a location no earlier write used (which free one, among equals, tiny leaks decide).
    expect(new Set(written).size).toBe(4);
    const readOrder = steps.slice(4).map((s) => argmax(s.read));
    expect(readOrder).toEqual(written);
    const readBack = steps.slice(4).map((s) => (s.reads.arraySync() as number[][][])[0]![0]!);
    readBack.forEach((r, k) => r.forEach((x, j) => expect(x).toBeCloseTo(vectors[k]![j]!, 2)));
    // Backward reads from the end walk the other way.
    const back = run(scripted(), [
      ...vectors.map((v) => write(v)),
      readContent(vectors[3]!),
      ...vectors.slice(1).map(() => interfaceVector({ 'write gate': [OFF], 'free gates': [OFF], 'read modes': [ON, OFF, OFF] })),
    ]);
    const backWritten = back.slice(0, 4).map((s) => argmax(s.write));
    expect(back.slice(4).map((s) => argmax(s.read))).toEqual([...backWritten].reverse());
    tf.dispose([...steps, ...back] as unknown as tf.Tensor[]);
  });

  it('frees a location that was read with its free gate open, and the next allocation writes there', () => {
    const cell = scripted();
    const steps = run(cell, [
      ...vectors.map((v) => write(v)),
      readContent(vectors[2]!),
      write([1, 1, 1, 1], { 'free gates': [ON] }),
    ]);
    const full = steps[4]!.usage.dataSync();
    expect(Math.min(...full)).toBeGreaterThan(0.99);
    const location = argmax(steps[2]!.write);
    expect(argmax(steps[4]!.read)).toBe(location);
    const freed = steps[5]!;
    expect(freed.usage.dataSync()[location]).toBeLessThan(0.01);
    expect(argmax(freed.allocation)).toBe(location);
    expect(freed.write.dataSync()[location]).toBeGreaterThan(0.99);
    expect((freed.memory.arraySync() as number[][][])[0]![location]).toEqual([1, 1, 1, 1].map((x) => expect.closeTo(x, 2)));
    tf.dispose(steps as unknown as tf.Tensor[]);
  });

  it('every weighting of a randomly initialised cell is ≥ 0 and sums to at most 1; read modes sum to 1', () => {
    const cell = new DncCell({ ...sizes, readHeads: 2, seed: 5 });
    cell.build([null, 3]);
    const inputs = tf.randomNormal([8, 10, 3], 0, 2, 'float32', 9) as tf.Tensor3D;
    const steps = unrollDnc(cell, inputs);
    for (const s of steps) {
      for (const w of [s.write, s.read, s.allocation, s.usage]) {
        expect(w.min().dataSync()[0]).toBeGreaterThanOrEqual(0);
      }
      for (const w of [s.write, s.read, s.allocation]) expect(w.sum(-1).max().dataSync()[0]).toBeLessThanOrEqual(1 + 1e-5);
      const modeSums = s.modes.sum(-1).dataSync();
      modeSums.forEach((x) => expect(x).toBeCloseTo(1, 5));
    }
    tf.dispose([inputs, ...(steps as unknown as tf.Tensor[])]);
  });
});
