import { describe, expect, it } from 'vitest';
import bidirectional from '../../src/zoo/bidirectional-lstm';
import lstm from '../../src/zoo/lstm';
import { expectFutureContextGap, expectOppositeChains, STEPS, trainBoth } from '../support/future-context';

describe('bidirectional-lstm', () => {
  it('draws a forward and a backward LSTM chain whose recurrent weights run in opposite directions of time', async () => {
    await expectOppositeChains(bidirectional, 'forward_lstm', 'backward_lstm');
  });

  it('fills every position from both neighbours, where the lstm definition with as many cells cannot see the right one', async () => {
    const config = { inputs: 1, units: 4, outputs: 1, seed: 3, steps: STEPS };
    const result = await trainBoth(
      lstm.build({ ...config, units: 2 * config.units }),
      bidirectional.build(config),
      80,
      0.03,
    );
    expect(result.forwardOnly).toHaveLength(STEPS);
    expectFutureContextGap(result, 'bidirectional-lstm vs the lstm definition');
  }, 60_000);
});
