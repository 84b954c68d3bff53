import { cellId, type Connection } from '../types';
import type { LayerTracer } from './types';

/**
 * RealOrGenerated: the discriminator reads, through the generated sample's cells, real samples too.
 * Those cells stay the generated sample's (an alias of the first input), and real feature k enters
 * sample cell k as it is: one weightless `data` connection per feature, real.k → sample.k.
 */
export const traceRealOrGenerated: LayerTracer = (layer, inbound) => {
  const [generated, real] = inbound;
  if (inbound.length !== 2 || !generated || !real || generated.size !== real.size)
    throw new Error(`layer "${layer.name}" (RealOrGenerated): expected a generated and a real sample of one size, but got ${JSON.stringify(inbound)}`);
  const connections: Connection[] = Array.from({ length: real.size }, (_, k) => ({ from: cellId(real.id, k), to: cellId(generated.id, k), kind: 'data', directed: true }));
  return { kind: 'alias', of: generated.id, connections };
};
