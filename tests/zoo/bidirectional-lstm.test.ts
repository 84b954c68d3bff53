import { describe, expect, it } from 'vitest';
import { buildSequenceNetwork } from '../../src/network/bidirectional';
import bidirectional from '../../src/zoo/bidirectional-lstm';
import { expectFutureContextGap, expectOppositeChains, STEPS, trainBoth } from '../support/future-context';

describe('bidirectional-lstm', () => {
  it('draws a forward and a backward LSTM chain whose recurrent weights run in opposite directions of time', async () => {
    await expectOppositeChains(bidirectional, 'forward_lstm', 'backward_lstm');
  });

  it('fills every position from both neighbours, where a forward-only LSTM with as many cells cannot see the right one', async () => {
    const config = { inputs: 1, units: 4, outputs: 1, seed: 3, steps: STEPS };
    const result = await trainBoth(
      buildSequenceNetwork('lstm', config, { bidirectional: false, name: 'forward-only-lstm' }),
      bidirectional.build(config),
      80,
      0.03,
    );
    expect(result.forwardOnly).toHaveLength(STEPS);
    expectFutureContextGap(result, 'bidirectional-lstm vs forward-only LSTM');
  }, 60_000);
});
