import { cellId, type Connection } from '../types';
import type { LayerTracer } from './types';

/**
 * GaussianSampling has no weights, but its rule z_i = μ_i + exp(½·log σ²_i)·ε_i ties each sample
 * cell to exactly one mean cell and one log-variance cell. Those ties are drawn as what they are:
 * two `sample` connections per cell, one-to-one and weightless (∂z/∂log σ² changes with every draw
 * of ε: there is no weight to set or train), so the diagram shows z as drawn from its own μ and σ
 * and from nothing else. Its inputs become probabilistic-hidden cells: they are the
 * parameters of the distribution z is drawn from.
 */
export const traceGaussianSampling: LayerTracer = (layer, inbound, self) => {
  const [mean, logVariance] = inbound;
  if (inbound.length !== 2 || !mean || !logVariance || mean.size !== logVariance.size)
    throw new Error(`layer "${layer.name}" (GaussianSampling): expected a mean and a log-variance group of one size, but got ${JSON.stringify(inbound)}`);
  const connections: Connection[] = [];
  for (let i = 0; i < mean.size; i++)
    for (const source of [mean, logVariance])
      connections.push({ from: cellId(source.id, i), to: cellId(self, i), kind: 'sample', directed: true });
  return { kind: 'cells', size: mean.size, cellType: 'probabilistic-hidden', inboundCellType: 'probabilistic-hidden', connections };
};
