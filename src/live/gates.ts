import * as tf from '@tensorflow/tfjs';
import { runSequence } from '../network/cells/evaluate';
import { cellWeightsOf, findGatedLayer, opGraphOfLayer, unwrapped } from '../network/cells/from-layer';
import type { OpDiagramSpec } from '../views/internals';

/**
 * The internals view's values on the example: every drawn operation and terminal of the cell, at
 * every step of the sequence, for every unit — `values[(step · nodes + node) · units + unit]`, nodes in
 * `spec.nodes` order. NaN for the input x_t (it has its own size, not one entry per unit).
 */
export interface GateFrame {
  readonly steps: number;
  readonly units: number;
  readonly values: Float32Array;
}

/**
 * Reads gate frames of a model's first gated layer: its input sequence on the example (from the
 * model itself), then the cell's op graph evaluated step by step with the layer's current weights
 * (src/network/cells/evaluate.ts, whose h_t is tested equal to the layer's own output).
 */
export function gateReader(model: tf.LayersModel, spec: OpDiagramSpec): { read(example: tf.Tensor | readonly tf.Tensor[]): GateFrame } {
  const found = findGatedLayer(model);
  if (!found) throw new Error(`${spec.architecture}: no gated layer to show inside`);
  const outer = model.layers.find((l) => unwrapped(l).includes(found.layer))!;
  const graph = opGraphOfLayer(found.layer);
  const input = outer.input as tf.SymbolicTensor;
  const fromModelInput = model.inputs.indexOf(input);
  const probe = fromModelInput >= 0 ? undefined : tf.model({ inputs: model.inputs, outputs: input });
  return {
    read(example) {
      const inputs = Array.isArray(example) ? (example as readonly tf.Tensor[]) : [example as tf.Tensor];
      const sequence = probe ? (probe.predict(inputs.length === 1 ? inputs[0]! : [...inputs]) as tf.Tensor) : inputs[fromModelInput]!;
      const xs = (sequence.arraySync() as number[][][])[0]!;
      if (probe) sequence.dispose();
      const units = graph.units;
      const nodes = spec.nodes;
      const values = new Float32Array(xs.length * nodes.length * units).fill(NaN);
      let step = 0;
      runSequence(graph, cellWeightsOf(found.layer), xs, (computed) => {
        nodes.forEach((node, n) => {
          const vector = node.kind === 'terminal' && node.role === 'x' ? undefined : computed.get(node.id);
          if (vector) for (let u = 0; u < units; u++) values[(step * nodes.length + n) * units + u] = vector[u]!;
        });
        step++;
      });
      return { steps: xs.length, units, values };
    },
  };
}
