import type { LayerTracer } from './types';
import { onlyInbound } from './weights';
import { fixedShape } from './local-window';

/**
 * Reshape and Flatten rearrange a tensor without touching a value: the same cells, in the same
 * row-major order. A spatial network takes its input flat and reshapes it, so its input cells are
 * every pixel, not just the last axis.
 */
export const traceReshape: LayerTracer = (layer, inbound) => {
  const source = onlyInbound(inbound, layer);
  const size = fixedShape(layer, 'output').reduce((a, b) => a * b, 1);
  if (size !== source.size) throw new Error(`layer "${layer.name}": reshapes ${source.size} cells of "${source.id}" into ${size}`);
  return { kind: 'alias', of: source.id };
};
