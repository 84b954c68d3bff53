import { describe, expect, it } from 'vitest';
import { recallAfterTraining } from '../support/delayed-recall';
import lstm from '../../src/zoo/lstm';
import rnn from '../../src/zoo/recurrent-network';

/**
 * Delayed recall (src/network/datasets/delayed-recall.ts): a cue, k steps of noise (σ = 2) in the
 * cue's own channel, then "recall". Recall is R² on held-out sequences: 1 perfect, 0 chance.
 */
describe('lstm', () => {
  it('and the plain recurrent network both recall a cue held 3 steps: the task is learnable without gates', async () => {
    const task = { delay: 3, noise: 2 };
    expect(await recallAfterTraining(rnn, task, 200)).toBeGreaterThan(0.9);
    expect(await recallAfterTraining(lstm, task, 200)).toBeGreaterThan(0.9);
  });

  it('recalls a cue held 12 steps through noise, where the plain recurrent network trained alike does not', async () => {
    const task = { delay: 12, noise: 2 };
    const plain = await recallAfterTraining(rnn, task, 250);
    const gated = await recallAfterTraining(lstm, task, 250);
    expect(plain).toBeLessThan(0.25);
    expect(gated).toBeGreaterThan(0.9);
  }, 120_000);
});
