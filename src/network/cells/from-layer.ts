import type * as tf from '@tensorflow/tfjs';
import { isMinimalGruCell } from '../layers/minimal-gru';
import type { CellWeights } from './evaluate';
import type { GateActivation } from './gate-blocks';
import { gruOpGraph } from './gru';
import { lstmOpGraph } from './lstm';
import { minimalGruOpGraph } from './minimal-gru';
import type { OpGraph } from './op-graph';

/** A tfjs recurrent layer whose cell has an op graph: LSTM, GRU, or RNN running a MinimalGruCell. */
export function isGatedLayer(layer: tf.layers.Layer): boolean {
  const name = layer.getClassName();
  return name === 'LSTM' || name === 'GRU' || (name === 'RNN' && isMinimalGruCell(cellOf(layer)));
}

function cellOf(layer: tf.layers.Layer): tf.layers.Layer | undefined {
  return (layer as unknown as { cell?: tf.layers.Layer }).cell;
}

/** The layers a wrapper runs: a Bidirectional layer's forward and backward copies, or the layer itself. */
export function unwrapped(layer: tf.layers.Layer): tf.layers.Layer[] {
  const wrapper = layer as unknown as { forwardLayer?: tf.layers.Layer; backwardLayer?: tf.layers.Layer };
  return layer.getClassName() === 'Bidirectional' && wrapper.forwardLayer && wrapper.backwardLayer ? [wrapper.forwardLayer, wrapper.backwardLayer] : [layer];
}

/**
 * The first gated recurrent layer of a model, in layer order, looking inside Bidirectional wrappers,
 * with a name for it: its own, or for a wrapped one the wrapper's ("encoder, forward"). tfjs names a
 * wrapper's inner copies with a global counter, so their own names differ from build to build.
 */
export function findGatedLayer(model: tf.LayersModel): { layer: tf.layers.Layer; name: string } | undefined {
  for (const outer of model.layers) {
    const inner = unwrapped(outer);
    const found = inner.findIndex(isGatedLayer);
    if (found >= 0) return { layer: inner[found]!, name: inner.length > 1 ? `${outer.name}, ${found === 0 ? 'forward' : 'backward'}` : outer.name };
  }
  return undefined;
}

export const firstGatedLayer = (model: tf.LayersModel): tf.layers.Layer | undefined => findGatedLayer(model)?.layer;

function gateActivation(layer: tf.layers.Layer, config: tf.serialization.ConfigDict): GateActivation {
  const value = config.recurrentActivation;
  if (value === 'sigmoid') return 'sigmoid';
  if (value === 'hardSigmoid') return 'hard-sigmoid';
  throw new Error(`layer "${layer.name}" (${layer.getClassName()}): recurrentActivation: expected "sigmoid" or "hardSigmoid", but got ${JSON.stringify(value)}`);
}

function weight(layer: tf.layers.Layer, suffix: string): tf.LayerVariable | undefined {
  return layer.weights.find((w) => w.originalName.endsWith(`/${suffix}`));
}

/**
 * The op graph of a built gated layer's cell, read from its config and weight shapes. Anything the
 * op graph does not model (another candidate activation, dropout at inference is no issue) is an
 * error naming the layer and the field, never a silently different picture.
 */
export function opGraphOfLayer(layer: tf.layers.Layer): OpGraph {
  const where = `layer "${layer.name}" (${layer.getClassName()})`;
  const kernel = weight(layer, 'kernel');
  if (!kernel || !weight(layer, 'recurrent_kernel')) throw new Error(`${where}: expected weights "kernel" and "recurrent_kernel"; build the layer first`);
  const inputSize = kernel.shape[0]!;
  const useBias = weight(layer, 'bias') !== undefined;
  const name = layer.getClassName();
  const cell = cellOf(layer);
  if (name === 'RNN' && isMinimalGruCell(cell)) return minimalGruOpGraph({ units: cell.units, inputSize, useBias });
  const config = layer.getConfig();
  if (config.activation !== 'tanh') throw new Error(`${where}: activation: expected "tanh", but got ${JSON.stringify(config.activation)}`);
  const units = config.units as number;
  if (name === 'LSTM') return lstmOpGraph({ units, inputSize, gateActivation: gateActivation(layer, config), useBias });
  if (name === 'GRU') return gruOpGraph({ units, inputSize, gateActivation: gateActivation(layer, config), useBias });
  throw new Error(`${where}: expected an LSTM, GRU or minimal GRU layer`);
}

/** The layer's weights as plain arrays, for evaluate.ts. */
export function cellWeightsOf(layer: tf.layers.Layer): CellWeights {
  const matrix = (suffix: string) => weight(layer, suffix)!.read().arraySync() as number[][];
  const bias = weight(layer, 'bias');
  return { kernel: matrix('kernel'), recurrent_kernel: matrix('recurrent_kernel'), ...(bias ? { bias: bias.read().arraySync() as number[] } : {}) };
}
