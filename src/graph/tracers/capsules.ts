import type * as tf from '@tensorflow/tfjs';
import type { PrimaryCapsulesConfig } from '../../network/layers/primary-capsules';
import { cellId, type Connection } from '../types';
import { sourced } from '../weight-source';
import type { LayerTracer } from './types';
import { onlyInbound } from './weights';

/** The layer's weight named `<layer>/<suffix>` with its values and whether training changes it. */
function readWeight(layer: tf.layers.Layer, suffix: string): { values: unknown; shape: number[]; trainable: boolean; variable: tf.LayerVariable } {
  const variable = layer.weights.find((w) => w.originalName.endsWith(`/${suffix}`));
  if (!variable) throw new Error(`layer "${layer.name}" (${layer.getClassName()}): missing weight "${suffix}"`);
  return { values: variable.read().arraySync(), shape: variable.shape as number[], trainable: layer.trainable && variable.trainable, variable };
}

/** The coupling coefficients of dynamic routing (Sabour et al. 2017). */
export const ROUTING_COEFFICIENT = 'cᵢⱼ';

const anyNonzero = (block: readonly number[]) => block.some((w) => w !== 0);

/**
 * PrimaryCapsules: input cell i feeds capsule k through kernel[i][k·dim … (k+1)·dim − 1], a `dim × 1`
 * block. One connection per (input cell, capsule) pair whose block is not all zero.
 */
export const tracePrimaryCapsules: LayerTracer = (layer, inbound, self) => {
  const source = onlyInbound(inbound, layer);
  const { values, shape, trainable, variable } = readWeight(layer, 'kernel');
  const rows = values as number[][];
  // Read from the config, not instanceof: the CLI may load the layer class from a second module instance.
  const { capsules, dim } = layer.getConfig() as unknown as Pick<PrimaryCapsulesConfig, 'capsules' | 'dim'>;
  if (shape[1] !== capsules * dim) throw new Error(`layer "${layer.name}": expected a kernel of ${capsules * dim} columns, but got ${shape[1]}`);
  const connections: Connection[] = [];
  rows.forEach((row, i) => {
    for (let k = 0; k < capsules; k++)
      if (anyNonzero(row.slice(k * dim, (k + 1) * dim)))
        connections.push(
          sourced(
            { from: cellId(source.id, i), to: cellId(self, k), kind: 'dense', trainable, directed: true, weights: [dim, 1] },
            { variable, indices: Array.from({ length: dim }, (_, d) => i * shape[1]! + k * dim + d) },
          ),
        );
  });
  return { kind: 'cells', size: capsules, cellType: 'capsule', connections };
};

/**
 * CapsuleRouting: child capsule i feeds parent capsule j through the matrix W_ij ([dim, childDim]),
 * one connection per pair. Each prediction W_ij u_i is also scaled by a coupling coefficient c_ij
 * that routing computes afresh for each input (no training sets it): the connection names it in
 * `scaledBy`, so the diagram marks every such line as scaled, not as a plain trained block.
 */
export const traceCapsuleRouting: LayerTracer = (layer, inbound, self) => {
  const source = onlyInbound(inbound, layer);
  const { values, shape, trainable, variable } = readWeight(layer, 'transform');
  const [, parents = 0, dim = 0, childDim = 0] = shape;
  const connections: Connection[] = [];
  (values as number[][][][]).forEach((child, i) =>
    child.forEach((matrix, j) => {
      if (anyNonzero(matrix.flat()))
        connections.push(
          sourced(
            { from: cellId(source.id, i), to: cellId(self, j), kind: 'dense', trainable, directed: true, weights: [dim, childDim], scaledBy: ROUTING_COEFFICIENT },
            // W_ij is the [dim, childDim] block at [i][j] of the [children, parents, dim, childDim] variable, row-major.
            { variable, indices: Array.from({ length: dim * childDim }, (_, e) => (i * parents + j) * dim * childDim + e) },
          ),
        );
    }),
  );
  return { kind: 'cells', size: parents, cellType: 'capsule', connections };
};
