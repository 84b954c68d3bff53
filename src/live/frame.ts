import * as tf from '@tensorflow/tfjs';
import type { LiveCell, LiveJoin } from './join';

/**
 * One moment of a running network, aligned with its LiveJoin: `cells[k]` is the value of
 * `join.cells[k]` on the example, `weights[k]` the current value of `join.weights[k]` (for one pair's
 * block of weights, the entry of largest magnitude, with its sign; for a line standing for many
 * connections, the root mean square of their weights). NaN where the model has no such value (a
 * cell of a step the example does not have). An unrolled view's cells come once per window of steps
 * (`cells[w · n + k]`, n = join.cells.length, `windows` of them, the last ending at the example's end):
 * window w shows steps w, w + 1, … of each group's run.
 */
export interface LiveFrame {
  readonly cells: Float32Array;
  readonly weights: Float32Array;
  /** How many windows of steps `cells` holds (1 but for an unrolled view). */
  readonly windows?: number;
}

/** Reads frames of one model: built once per model (a second model over the same layers gives every output at once). */
export interface FrameReader {
  read(example: tf.Tensor | readonly tf.Tensor[]): LiveFrame;
  dispose(): void;
}

/** The example's own value for an input group; a layer's (first) output for any other. */
const outputOf = (layer: tf.layers.Layer): tf.SymbolicTensor => (Array.isArray(layer.output) ? layer.output[0]! : (layer.output as tf.SymbolicTensor));

/** The steps a layer's output holds for one example: the leading length of a sequence ([steps, units]), 1 for anything else. */
function stepsIn(shape: readonly number[], size: number): number {
  const total = shape.reduce((a, b) => a * b, 1);
  return shape.length <= 1 || total === size ? 1 : total / (shape.at(-1) ?? 1);
}

/**
 * Where cell `index` (+ `offset`) is in a layer's output for one example, flattened: the flat entry
 * when the output has exactly that many entries per cell (positions × channels), else the entry on
 * the last axis at step `step` of a sequence's [steps, units]. −1 where the example has no such step.
 */
function entryOf(shape: readonly number[], size: number, offset: number, index: number, step: number): number {
  const steps = stepsIn(shape, size);
  if (steps === 1) return step === 0 ? offset + index : -1;
  return step < 0 || step >= steps ? -1 : step * (shape.at(-1) ?? 1) + offset + index;
}

/** The root mean square of `indices` of `values`. */
function rms(values: ArrayLike<number>, indices: readonly number[]): number {
  let sum = 0;
  for (const i of indices) sum += values[i]! * values[i]!;
  return Math.sqrt(sum / indices.length);
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
      // Windows: as many as the longest run's steps allow for its drawn copies (1 for the cells view).
      const steps = (c: LiveCell) => stepsIn(byLayer.get(c.source.layer)!.shape, groupSizes.get(c.group) ?? 0);
      const windows = Math.max(1, ...join.cells.map((c) => (c.drawn ? steps(c) - c.drawn.count + 1 : 1)));
      const n = join.cells.length;
      const cells = new Float32Array(windows * n);
      join.cells.forEach((c, k) => {
        const { values, shape } = byLayer.get(c.source.layer)!;
        const last = steps(c) - 1;
        for (let w = 0; w < windows; w++) {
          // The cells view shows a sequence's last step; an unrolled copy its place in the window (the last window ends at the run's end).
          const step = c.drawn ? last - (windows - 1 - w) - (c.drawn.count - 1 - c.drawn.position) : last;
          const at = entryOf(shape, groupSizes.get(c.group) ?? 0, c.source.offset, c.index, step);
          cells[w * n + k] = at >= 0 && at < values.length ? values[at]! : NaN;
        }
      });
      tf.dispose(produced);
      const read = new Map(variables.map((v) => [v, v.read().dataSync()]));
      const weights = Float32Array.from(join.weights, (w) => (w.stands ? rms : strongest)(read.get(w.source.variable)!, w.source.indices));
      return { cells, weights, ...(windows > 1 ? { windows } : {}) };
    },
    dispose() {
      // The probe shares the model's layers and weights: disposing it would dispose them, so it is only dropped.
    },
  };
}
