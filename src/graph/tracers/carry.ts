import { cellId, type Connection } from '../types';

/**
 * A gated cell keeps part of its own state from one step to the next with no weight in the way: an
 * LSTM's c_t = f_t ⊙ c_{t−1} + …, a GRU's h_t = (1 − z_t) ⊙ h_{t−1} + …, a minimal GRU's
 * (1 − f_t) ⊙ h_{t−1}. That is the recurrence that defines these cells, and it is elementwise: unit k
 * carries its own state only. One `carry` connection k → k per unit, delayed one step like the
 * recurrent weights (the bidirectional tracer turns the backward chain's to t+1 → t).
 */
export const carryConnections = (self: string, units: number): Connection[] =>
  Array.from({ length: units }, (_, k) => ({ from: cellId(self, k), to: cellId(self, k), kind: 'carry', directed: true }));
