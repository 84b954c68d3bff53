import type { LayerTracer } from './types';
import { onlyInbound } from './weights';

/**
 * GaussianNoise adds noise to each cell on its own while training and is the identity otherwise: it
 * adds no cells and no connections. Applied straight to the network's input it makes those cells
 * noisy-input cells (a denoising autoencoder's corrupted input); deeper in, it changes no cell type.
 */
export const traceGaussianNoise: LayerTracer = (layer, inbound) => {
  const source = onlyInbound(inbound, layer);
  const onInput = layer.inboundNodes[0]?.inboundLayers.every((l) => l.getClassName() === 'InputLayer') ?? false;
  return onInput ? { kind: 'alias', of: source.id, inboundCellType: 'noisy-input' } : { kind: 'alias', of: source.id };
};
