import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { bitErrorByLength, copyBatch } from '../../src/network/datasets/copy-task';
import { createRandom } from '../../src/network/numerics/random';
import { predictCopy, trainCopy } from '../../src/network/training/copy-task';
import ntm, { machineOf, runMachine } from '../../src/zoo/neural-turing-machine';

/** Small enough to train in seconds on the CPU backend: 3-bit vectors, 8 rows of 4. */
const SMALL = { bits: 3, units: 16, rows: 8, width: 4, length: 2, seed: 1 };

describe('neural-turing-machine', () => {
  it('keeps both heads’ weightings ≥ 0 and summing to 1 at every step of a copy sequence, and writes where the write head points', () => {
    const model = ntm.build(ntm.configs.demo!);
    const batch = copyBatch({ bits: 3, length: 5 }, 6, createRandom(5));
    tf.tidy(() => {
      const steps = runMachine(model, tf.tensor3d(batch.inputs, [batch.sequences, batch.steps, 4]));
      expect(steps).toHaveLength(11);
      let previous = machineOf(model).initialState(batch.sequences).memory;
      for (const [t, s] of steps.entries()) {
        for (const w of [s.write_weighting, s.read_weighting]) {
          expect(w.min().arraySync(), `t=${t}`).toBeGreaterThanOrEqual(0);
          for (const total of w.sum(1).arraySync() as number[]) expect(total, `t=${t}`).toBeCloseTo(1, 5);
        }
        // A row changes by w(i) (a − M(i) ⊙ e), |a| < 1 and 0 < e < 1: where the write weighting is ~0 the row stays as it was.
        const change = s.memory.sub(previous).abs().max(2).arraySync() as number[][];
        const size = previous.abs().max(2).arraySync() as number[][];
        const w = s.write_weighting.arraySync() as number[][];
        change.forEach((rows, n) => rows.forEach((c, i) => expect(c, `t=${t} row ${i}`).toBeLessThanOrEqual(w[n]![i]! * (1 + size[n]![i]!) + 1e-6)));
        previous = s.memory;
      }
    });
    model.dispose();
  });

  it('learns the copy task: after 80 training batches of lengths 1–2, a single vector is copied with under a quarter of chance’s bits wrong, and fewer bits are wrong than before at every length up to 3', async () => {
    const model = ntm.build(SMALL);
    const measure = () => bitErrorByLength((b) => predictCopy(model, b), SMALL.bits, [1, 2, 3], 40, createRandom(77));
    const before = measure();
    const losses = await trainCopy(model, { batches: 80, batchSize: 16, lengths: [1, 2], learningRate: 0.01, seed: 3 });
    const after = measure();
    console.info(`NTM copy, bits wrong per sequence by length, before → after 80 batches: ${before.map((e, i) => `${e.length}: ${e.bitsWrong.toFixed(2)} → ${after[i]!.bitsWrong.toFixed(2)}`).join(', ')}; loss ${losses[0]!.toFixed(3)} → ${losses.at(-1)!.toFixed(3)}`);
    // Chance is half the bits: 1.5 per vector. After training, a single vector is copied with under a quarter of that wrong.
    expect(after[0]!.bitsWrong).toBeLessThan(1.5 / 4);
    after.forEach((e, i) => expect(e.bitsWrong, `length ${e.length}`).toBeLessThan(before[i]!.bitsWrong));
    model.dispose();
  });
});
