import type { CellRoleConfig } from '../../network/layers/cell-role';
import type { LayerTracer } from './types';
import { onlyInbound } from './weights';

/** CellRole: no cells and no weights of its own; it retypes the cells it passes on (noise, a generated sample). */
export const traceCellRole: LayerTracer = (layer, inbound) => {
  // Read from the config, not instanceof: the CLI may load the layer class from a second module instance.
  const { role } = layer.getConfig() as unknown as CellRoleConfig;
  return { kind: 'alias', of: onlyInbound(inbound, layer).id, inboundCellType: role };
};
