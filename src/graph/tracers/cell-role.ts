import { CellRole } from '../../network/layers/cell-role';
import type { LayerTracer } from './types';
import { onlyInbound } from './weights';

/** CellRole: no cells and no weights of its own; it retypes the cells it passes on (noise, a generated sample). */
export const traceCellRole: LayerTracer = (layer, inbound) => {
  if (!(layer instanceof CellRole)) throw new Error(`layer "${layer.name}": expected a CellRole layer, but got ${layer.getClassName()}`);
  return { kind: 'alias', of: onlyInbound(inbound, layer).id, cellType: layer.role };
};
