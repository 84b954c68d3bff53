import { cellId, type Connection } from '../types';
import type { LayerTracer } from './types';

/**
 * DotAttentionScore (e_ts = h_t · k_s, α_ts = softmax over s): one score cell and no weight. Key cell k
 * (a key computed from the encoder's top layer) is read at every source position s: a weightless `attention` connection
 * key.k → score, standing for the read of every position (the unrolled view draws it from every step).
 * Query cell k (the decoder's top layer, at this step only) multiplies that read: h_t[k] is the
 * coefficient of k_s[k] in e_ts, a weightless `coefficient` connection query.k → score, within the step.
 */
export const traceDotAttentionScore: LayerTracer = (layer, inbound, self) => {
  const [queries, keys] = inbound;
  if (inbound.length !== 2 || !queries || !keys)
    throw new Error(`layer "${layer.name}" (DotAttentionScore): expected two inputs [queries, keys], but got ${inbound.length}`);
  if (queries.size !== keys.size) throw new Error(`layer "${layer.name}" (DotAttentionScore): expected queries and keys of one size, but got ${queries.size} and ${keys.size}`);
  const of = (group: string, kind: 'attention' | 'coefficient'): Connection[] =>
    Array.from({ length: keys.size }, (_, k) => ({ from: cellId(group, k), to: cellId(self, 0), kind, directed: true }));
  return {
    kind: 'cells',
    size: 1,
    cellType: 'hidden',
    notes: ['eₜₛ = hₜ · kₛ', 'αₜₛ = softmax over s of eₜₛ'],
    connections: [...of(keys.id, 'attention'), ...of(queries.id, 'coefficient')],
  };
};
