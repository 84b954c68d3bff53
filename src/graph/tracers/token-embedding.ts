import type { Connection } from '../types';
import type { LayerTracer } from './types';
import { rewritten } from '../weight-source';
import { connectionsOf, onlyInbound, transposed, weightMatrix } from './weights';

/** The name of the layer that owns a (possibly shared) embedding matrix: the layer itself, or the one it is tied to. */
const ownerOf = (layer: { name: string; getConfig(): object }): string => (layer.getConfig() as { tiedTo?: string }).tiedTo ?? layer.name;

/**
 * TokenEmbedding (x E √d + PE): E[v][k] connects symbol cell v to unit k, trained. E is one matrix
 * shared by the source embedding, the target embedding and the pre-softmax layer (section 3.4 of
 * Vaswani et al.): each line names its entry (`<owner>:<v·d + k>`), so lines with one name are one
 * parameter. The position code is added, fixed, and connects no two cells.
 */
export const traceTokenEmbedding: LayerTracer = (layer, inbound, self) => {
  const source = onlyInbound(inbound, layer);
  const matrix = weightMatrix(layer, 'embeddings');
  const units = matrix.rows[0]?.length ?? 0;
  const owner = ownerOf(layer);
  const connections: Connection[] = connectionsOf(matrix, source.id, self, 'dense').map((c) => {
    const [v, k] = [Number(c.from.split('.').at(-1)), Number(c.to.split('.').at(-1))];
    return rewritten(c, { weight: `${owner}:${v * units + k}` });
  });
  return { kind: 'cells', size: units, cellType: 'hidden', notes: ['E x · √d + position code (fixed)', owner === layer.name ? 'E: shared' : `E of ${owner}`], connections };
};

/** TiedSoftmax (softmax(h Eᵀ)): E[v][k] connects unit k to symbol v, the same parameter as the embeddings' line v → k. */
export const traceTiedSoftmax: LayerTracer = (layer, inbound, self) => {
  const source = onlyInbound(inbound, layer);
  const matrix = weightMatrix(layer, 'embeddings');
  const units = matrix.rows[0]?.length ?? 0;
  const owner = ownerOf(layer);
  const connections: Connection[] = connectionsOf(transposed(matrix), source.id, self, 'dense').map((c) => {
    const [k, v] = [Number(c.from.split('.').at(-1)), Number(c.to.split('.').at(-1))];
    return rewritten(c, { weight: `${owner}:${v * units + k}` });
  });
  return { kind: 'cells', size: matrix.rows.length, cellType: 'hidden', notes: ['softmax(Eᵀ h)', `E of ${owner}`], connections };
};
