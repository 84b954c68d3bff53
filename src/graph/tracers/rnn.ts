import { isDncCell } from '../../network/layers/dnc';
import { isMinimalGruCell } from '../../network/layers/minimal-gru';
import { carryConnections } from './carry';
import { traceDnc } from './dnc';
import { gateConnections } from './gate-blocks';
import type { LayerTracer } from './types';
import { onlyInbound, weightMatrix } from './weights';

/**
 * tfjs's generic RNN layer, read by the cell it runs. Only cells of ours are known here (tfjs's own
 * LSTM/GRU/SimpleRNN layers have classes and tracers of their own).
 *
 * MinimalGruCell: each unit is a gated-memory cell; input cell i feeds unit j through two weights
 * (W_f and W_h: the forget gate's and the candidate's), unit i at t−1 feeds unit j through two more
 * (U_f, U_h). Each pair is one connection with a 1×2 weight block. Each unit keeps (1 − f) of its own
 * state with no weight: a `carry` connection.
 */
export const traceRnn: LayerTracer = (layer, inbound, self) => {
  const cell = (layer as unknown as { cell?: unknown }).cell;
  if (isDncCell(cell)) return traceDnc(layer, cell, onlyInbound(inbound, layer));
  if (!isMinimalGruCell(cell))
    throw new Error(`layer "${layer.name}" (RNN): expected its cell to be a MinimalGruCell or a DncCell, but got ${(cell as { getClassName?: () => string })?.getClassName?.() ?? String(cell)}`);
  const source = onlyInbound(inbound, layer);
  return {
    kind: 'cells',
    size: cell.units,
    cellType: 'gated-memory',
    notes: ['one forget gate', 'each line: 2 weights'],
    connections: [
      ...gateConnections(weightMatrix(layer, 'kernel'), 2, source.id, self, 'dense', layer.name),
      ...gateConnections(weightMatrix(layer, 'recurrent_kernel'), 2, self, self, 'recurrent', layer.name),
      ...carryConnections(self, cell.units),
    ],
  };
};
