import { describe, expect, it } from 'vitest';
import bidirectionalRnn from '../../src/zoo/bidirectional-rnn';
import rnn from '../../src/zoo/recurrent-network';
import { expectFutureContextGap, expectOppositeChains, STEPS, trainBoth } from '../support/future-context';

describe('bidirectional-rnn', () => {
  it('draws a forward and a backward chain whose recurrent weights run in opposite directions of time', async () => {
    await expectOppositeChains(bidirectionalRnn, 'forward_rnn', 'backward_rnn');
  });

  it('fills every position from both neighbours, where an Elman network with as many cells cannot see the right one', async () => {
    const seed = 3;
    const result = await trainBoth(
      rnn.build({ inputs: 1, units: 16, outputs: 1, seed, steps: STEPS }),
      bidirectionalRnn.build({ inputs: 1, units: 8, outputs: 1, seed, steps: STEPS }),
      150,
      0.02,
    );
    expect(result.forwardOnly).toHaveLength(STEPS);
    expectFutureContextGap(result, 'bidirectional-rnn vs recurrent-network');
  }, 60_000);
});
