import { describe, expect, it } from 'vitest';
import bidirectional from '../../src/zoo/bidirectional-gru';
import gru from '../../src/zoo/gru';
import { expectFutureContextGap, expectOppositeChains, STEPS, trainBoth } from '../support/future-context';

describe('bidirectional-gru', () => {
  it('draws a forward and a backward GRU chain whose recurrent weights run in opposite directions of time', async () => {
    await expectOppositeChains(bidirectional, 'forward_gru', 'backward_gru');
  });

  it('fills every position from both neighbours, where the gru definition with as many cells cannot see the right one', async () => {
    const config = { inputs: 1, units: 4, outputs: 1, seed: 3, steps: STEPS };
    const result = await trainBoth(
      gru.build({ ...config, units: 2 * config.units }),
      bidirectional.build(config),
      80,
      0.03,
    );
    expect(result.forwardOnly).toHaveLength(STEPS);
    expectFutureContextGap(result, 'bidirectional-gru vs the gru definition');
  }, 60_000);
});
