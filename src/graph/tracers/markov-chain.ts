import { cellId, type Connection } from '../types';
import type { LayerTracer } from './types';
import { connectionsOf, onlyInbound, weightMatrix } from './weights';

/**
 * MarkovChain (src/network/layers/markov-chain.ts): s_t = s_{t−1} P + x_t. `transitions[i][j]` is the
 * probability of the move i → j, the weight from state i at t−1 to state j at t: one recurrent, fixed
 * connection per nonzero entry (a move the chain can make), a self-loop where it may stay. Input cell
 * i adds its probability to state i as it is, with no weight: a `residual` connection, one per state.
 */
export const traceMarkovChain: LayerTracer = (layer, inbound, self) => {
  const source = onlyInbound(inbound, layer);
  const transitions = weightMatrix(layer, 'transitions');
  const arrivals: Connection[] = transitions.rows.map((_, i) => ({ from: cellId(source.id, i), to: cellId(self, i), kind: 'residual', directed: true }));
  return {
    kind: 'cells',
    size: transitions.rows.length,
    cellType: 'probabilistic-hidden',
    notes: ['weights = transition probabilities'],
    connections: [...arrivals, ...connectionsOf(transitions, self, self, 'recurrent')],
  };
};
