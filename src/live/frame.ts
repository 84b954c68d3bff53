import * as tf from '@tensorflow/tfjs';
import type { LiveJoin } from './join';

/**
 * One moment of a running network, aligned with its LiveJoin: `cells[k]` is the value of
 * `join.cells[k]` on the example, `weights[k]` the current value of `join.weights[k]` (for a block of
 * weights, the entry of largest magnitude, with its sign). NaN where the model has no such value (a
 * cell of a step the example does not have).
 */
export interface LiveFrame {
  readonly cells: Float32Array;
  readonly weights: Float32Array;
}

/** Reads frames of one model: built once per model (a second model over the same layers gives every output at once). */
export interface FrameReader {
  read(example: tf.Tensor | readonly tf.Tensor[]): LiveFrame;
  dispose(): void;
}

/** The example's own value for an input group; a layer's (first) output for any other. */
const outputOf = (layer: tf.layers.Layer): tf.SymbolicTensor => (Array.isArray(layer.output) ? layer.output[0]! : (layer.output as tf.SymbolicTensor));

/**
 * Where cell `index` (+ `offset`) is in a layer's output for one example, flattened: the flat entry
 * when the output has exactly that many entries per cell (positions × channels), else the entry on
 * the last axis at a time step (a sequence's [steps, units]): the last step for the cells view, and
 * `fromEnd` steps before it for a copy in the unrolled view. −1 where the example has no such step.
 */
function entryOf(shape: readonly number[], size: number, offset: number, index: number, fromEnd: number | undefined): number {
  const total = shape.reduce((a, b) => a * b, 1);
  const last = shape.at(-1) ?? 1;
  if (shape.length <= 1 || total === size) return fromEnd ? -1 : offset + index;
  const at = total / last - 1 - (fromEnd ?? 0);
  return at < 0 ? -1 : at * last + offset + index;
}

/** The signed entry of largest magnitude among `indices` of `values`. */
function strongest(values: ArrayLike<number>, indices: readonly number[]): number {
  let best = 0;
  for (const i of indices) if (Math.abs(values[i]!) > Math.abs(best)) best = values[i]!;
  return best;
}

export function frameReader(model: tf.LayersModel, join: LiveJoin, groupSizes: ReadonlyMap<string, number>): FrameReader {
  const inputNames = model.inputLayers.map((l) => l.name);
  const layerNames = [...new Set(join.cells.map((c) => c.source.layer))].filter((name) => !inputNames.includes(name));
  const outputs = layerNames.map((name) => outputOf(model.getLayer(name)));
  const probe = outputs.length > 0 ? tf.model({ inputs: model.inputs, outputs }) : undefined;
  const variables = [...new Set(join.weights.map((w) => w.source.variable))];
  return {
    read(example) {
      const inputs = Array.isArray(example) ? (example as readonly tf.Tensor[]) : [example as tf.Tensor];
      const computed = probe ? probe.predict(inputs.length === 1 ? inputs[0]! : [...inputs]) : [];
      const produced = Array.isArray(computed) ? computed : [computed];
      const byLayer = new Map<string, { values: ArrayLike<number>; shape: readonly number[] }>();
      // Batch entry 0 of each: the example.
      const first = (t: tf.Tensor) => ({ values: t.dataSync(), shape: t.shape.slice(1) });
      layerNames.forEach((name, k) => byLayer.set(name, first(produced[k]!)));
      inputNames.forEach((name, k) => byLayer.set(name, first(inputs[k]!)));
      const cells = Float32Array.from(join.cells, (c) => {
        const { values, shape } = byLayer.get(c.source.layer)!;
        const at = entryOf(shape, groupSizes.get(c.group) ?? 0, c.source.offset, c.index, c.fromEnd);
        return at >= 0 && at < values.length ? values[at]! : NaN;
      });
      tf.dispose(produced);
      const read = new Map(variables.map((v) => [v, v.read().dataSync()]));
      const weights = Float32Array.from(join.weights, (w) => strongest(read.get(w.source.variable)!, w.source.indices));
      return { cells, weights };
    },
    dispose() {
      // The probe shares the model's layers and weights: disposing it would dispose them, so it is only dropped.
    },
  };
}
