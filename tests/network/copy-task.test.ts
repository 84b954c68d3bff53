import { describe, expect, it } from 'vitest';
import { bitErrorByLength, bitErrors, copyBatch, copySteps } from '../../src/network/datasets/copy-task';
import { createRandom } from '../../src/network/numerics/random';
import { bitErrorsSideBySide, copyLstm, predictCopy } from '../../src/network/training/copy-task';

describe('copy task', () => {
  it('lays out the vectors, the delimiter and the blank recall steps whose targets are the vectors', () => {
    const batch = copyBatch({ bits: 4, length: 3 }, 5, createRandom(3));
    expect(batch.steps).toBe(copySteps(3));
    expect(batch.steps).toBe(7);
    expect(Array.from(batch.recall)).toEqual([0, 0, 0, 0, 1, 1, 1]);
    const channels = 5;
    for (let s = 0; s < 5; s++)
      for (let t = 0; t < batch.steps; t++) {
        const input = Array.from(batch.inputs.subarray((s * 7 + t) * channels, (s * 7 + t + 1) * channels));
        const target = Array.from(batch.targets.subarray((s * 7 + t) * 4, (s * 7 + t + 1) * 4));
        if (t < 3) {
          expect(input[4]).toBe(0);
          expect(Array.from(batch.targets.subarray((s * 7 + t + 4) * 4, (s * 7 + t + 5) * 4))).toEqual(input.slice(0, 4));
          expect(target).toEqual([0, 0, 0, 0]);
        } else if (t === 3) expect(input).toEqual([0, 0, 0, 0, 1]);
        else expect(input).toEqual([0, 0, 0, 0, 0]);
      }
  });

  it('draws each bit 0 or 1 about half the time, and the same sequences from the same seed', () => {
    const batch = copyBatch({ bits: 8, length: 10 }, 50, createRandom(9));
    const ones = batch.targets.reduce((a, b) => a + b, 0);
    expect(ones / (8 * 10 * 50)).toBeGreaterThan(0.45);
    expect(ones / (8 * 10 * 50)).toBeLessThan(0.55);
    expect(copyBatch({ bits: 8, length: 10 }, 50, createRandom(9)).inputs).toEqual(batch.inputs);
  });

  it('counts bits wrong over the recall steps only, per sequence and per length', () => {
    const batch = copyBatch({ bits: 4, length: 2 }, 2, createRandom(4));
    expect(Array.from(bitErrors(batch.targets, batch))).toEqual([0, 0]);
    const flipped = Float32Array.from(batch.targets, (x) => 1 - x);
    expect(Array.from(bitErrors(flipped, batch))).toEqual([8, 8]);
    const byLength = bitErrorByLength((b) => new Float32Array(b.sequences * b.steps * b.bits).fill(0.5), 4, [1, 3], 20, createRandom(5));
    expect(byLength.map((e) => e.length)).toEqual([1, 3]);
    byLength.forEach((e) => expect(e.bitsWrong).toBeGreaterThan(0)); // ½ counts as 1: every 0 bit is wrong
    expect(() => copyBatch({ bits: 0, length: 2 }, 1, createRandom(1))).toThrow(/bits/);
  });
});

describe('two networks measured side by side', () => {
  it('gives each the errors it gets measured alone, from the same sequences, reporting after every length', () => {
    const [a, b] = [copyLstm(3, 4, 1), copyLstm(3, 4, 2)];
    try {
      const reported: number[] = [];
      const [ea, eb] = bitErrorsSideBySide([a, b], { bits: 3, lengths: [1, 2, 3], sequences: 5, seed: 9 }, (length, errors) => {
        expect(errors[0]).toHaveLength(errors[1].length);
        reported.push(length);
      });
      expect(reported).toEqual([1, 2, 3]);
      expect(ea).toEqual(bitErrorByLength((batch) => predictCopy(a, batch), 3, [1, 2, 3], 5, createRandom(9)));
      expect(eb).toEqual(bitErrorByLength((batch) => predictCopy(b, batch), 3, [1, 2, 3], 5, createRandom(9)));
      expect(ea).not.toEqual(eb);
    } finally {
      a.dispose();
      b.dispose();
    }
  });
});
