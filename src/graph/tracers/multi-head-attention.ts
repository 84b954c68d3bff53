import type * as tf from '@tensorflow/tfjs';
import { cellId, type Connection } from '../types';
import type { InboundGroup, LayerTracer } from './types';

/** How a key's read into a score is scaled: by the query at the score's own position. */
export const QUERY_COEFFICIENT = 'qᵢ';
/** How a value's read into the context is scaled: by the head's attention weight. */
export const HEAD_COEFFICIENT = 'αₕᵢⱼ';

const twoInbound = (layer: tf.layers.Layer, inbound: readonly InboundGroup[], what: string): readonly [InboundGroup, InboundGroup] => {
  const [a, b] = inbound;
  if (inbound.length !== 2 || !a || !b) throw new Error(`layer "${layer.name}" (${layer.getClassName()}): expected two inputs [${what}], but got ${inbound.length}`);
  return [a, b];
};

const headsOf = (layer: tf.layers.Layer, width: number, heads: number): number => {
  if (width % heads !== 0) throw new Error(`layer "${layer.name}" (${layer.getClassName()}): ${width} cells do not split into ${heads} heads`);
  return width / heads;
};

/** A causally masked read reaches only positions at or before its target's; the flag is set only where it holds. */
const causalFlag = (causal: boolean): { causal?: true } => (causal ? { causal: true } : {});

/**
 * ScaledDotProductScore (α_h,ij = softmax_j(q_h,i · k_h,j / √d_k)): one cell per head h, no weight.
 * Key cell u of head h is read at every position j (a weightless `attention` connection, scaled by
 * the query q_i: the dot product multiplies the two); query cell u of head h, at the score's own
 * position, is that coefficient (a `coefficient` connection). With a causal mask the key reads are
 * `causal`: position i reads only j ≤ i, and the pairs j > i are no dependency at all.
 */
export const traceScaledDotProductScore: LayerTracer = (layer, inbound, self) => {
  const [queries, keys] = twoInbound(layer, inbound, 'queries, keys');
  const { heads, causal } = layer.getConfig() as { heads: number; causal: boolean };
  if (queries.size !== keys.size) throw new Error(`layer "${layer.name}" (ScaledDotProductScore): ${queries.size} query cells but ${keys.size} key cells`);
  const dk = headsOf(layer, keys.size, heads);
  const connections: Connection[] = Array.from({ length: keys.size }, (_, u): Connection[] => [
    { from: cellId(queries.id, u), to: cellId(self, Math.floor(u / dk)), kind: 'coefficient', directed: true },
    { from: cellId(keys.id, u), to: cellId(self, Math.floor(u / dk)), kind: 'attention', directed: true, scaledBy: QUERY_COEFFICIENT, ...causalFlag(causal) },
  ]).flat();
  return {
    kind: 'cells',
    size: heads,
    cellType: 'hidden',
    notes: [`αₕᵢⱼ = softmax over j of qₕᵢ·kₕⱼ/√${dk}`, causal ? 'causal: only j ≤ i' : 'for every position j'],
    connections,
  };
};

/**
 * MultiHeadContext (c_h,i = Σ_j α_h,ij v_h,j): value cell u → context cell u, read at every position
 * j and scaled by its head's α (weightless `attention`, `causal` where the score is masked); the head's
 * score cell feeds each of its context cells through a `coefficient` connection.
 */
export const traceMultiHeadContext: LayerTracer = (layer, inbound, self) => {
  const [weights, values] = twoInbound(layer, inbound, 'attention weights, values');
  const score = layer.inboundNodes[0]?.inboundLayers[0];
  const causal = Boolean((score?.getConfig() as { causal?: boolean } | undefined)?.causal);
  const dv = headsOf(layer, values.size, weights.size);
  const connections: Connection[] = Array.from({ length: values.size }, (_, u): Connection[] => [
    { from: cellId(values.id, u), to: cellId(self, u), kind: 'attention', directed: true, scaledBy: HEAD_COEFFICIENT, ...causalFlag(causal) },
    { from: cellId(weights.id, Math.floor(u / dv)), to: cellId(self, u), kind: 'coefficient', directed: true },
  ]).flat();
  return { kind: 'cells', size: values.size, cellType: 'hidden', notes: ['cₕᵢ = Σⱼ αₕᵢⱼ vₕⱼ'], connections };
};
