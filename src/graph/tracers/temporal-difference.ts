import { cellId, type Connection } from '../types';
import type { LayerTracer } from './types';

/**
 * TdTarget: y = r + γ·c·max_a Q̂(s′, a). One cell; it reads every next-state value through the max
 * (a `pool` read, no weight), the reward added as it is (`residual`) and c, which scales the max
 * (`coefficient`). γ is a fixed number, no connection.
 */
export const traceTdTarget: LayerTracer = (layer, inbound, self) => {
  const [next, reward, continues] = inbound;
  if (inbound.length !== 3 || !next || !reward || !continues || reward.size !== 1 || continues.size !== 1)
    throw new Error(`layer "${layer.name}" (TdTarget): expected next values, a reward cell and a continues cell, but got ${JSON.stringify(inbound)}`);
  const to = cellId(self, 0);
  const connections: Connection[] = [
    ...Array.from({ length: next.size }, (_, a): Connection => ({ from: cellId(next.id, a), to, kind: 'pool', directed: true })),
    { from: cellId(reward.id, 0), to, kind: 'residual', directed: true },
    { from: cellId(continues.id, 0), to, kind: 'coefficient', directed: true },
  ];
  return { kind: 'cells', size: 1, cellType: 'hidden', connections, notes: ['y = r + γ·c·max Q̂'] };
};

/** TdError: δ_a = y − Q(s, a), one cell per action, each reading its value and the target as they are. */
export const traceTdError: LayerTracer = (layer, inbound, self) => {
  const [values, target] = inbound;
  if (inbound.length !== 2 || !values || !target || target.size !== 1)
    throw new Error(`layer "${layer.name}" (TdError): expected values and a one-cell target, but got ${JSON.stringify(inbound)}`);
  const connections: Connection[] = Array.from({ length: values.size }, (_, a): Connection[] => [
    { from: cellId(values.id, a), to: cellId(self, a), kind: 'residual', directed: true },
    { from: cellId(target.id, 0), to: cellId(self, a), kind: 'residual', directed: true },
  ]).flat();
  return { kind: 'cells', size: values.size, cellType: 'output', connections, notes: ['δ = y − Q'] };
};
