import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { traceModel } from '../../src/graph/trace';
import gru from '../../src/zoo/gru';
import lstm from '../../src/zoo/lstm';

const CASES = [
  ['lstm', lstm, 4],
  ['gru', gru, 3],
] as const;

/** The memory layer's kernel and recurrent kernel with every entry set by `value(row, column)`. */
function setKernels(model: tf.LayersModel, value: (which: 'kernel' | 'recurrent', row: number, column: number) => number): void {
  const layer = model.getLayer('memory');
  const [kernel, recurrent, bias] = layer.getWeights();
  const fill = (t: tf.Tensor, which: 'kernel' | 'recurrent') => {
    const [rows, columns] = t.shape as [number, number];
    return tf.tensor2d(Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => value(which, r, c))));
  };
  const replaced = [fill(kernel!, 'kernel'), fill(recurrent!, 'recurrent'), tf.zerosLike(bias!)];
  layer.setWeights(replaced);
  tf.dispose(replaced);
}

describe.each(CASES)('the %s tracer', (id, definition, gates) => {
  const units = 3;
  const build = () => definition.build({ ...definition.configs.diagram, units });

  it(`draws one line per cell pair carrying its ${gates} gate weights, and none where all of them are zero`, () => {
    const model = build();
    // Input 0 → unit 1: every gate zero (no connection). Input 1 → unit 2: only the last gate nonzero.
    setKernels(model, (which, row, column) => {
      const unit = column % units;
      if (which === 'kernel' && row === 0 && unit === 1) return 0;
      if (which === 'kernel' && row === 1 && unit === 2) return column === (gates - 1) * units + 2 ? 0.5 : 0;
      return 0.1;
    });
    const graph = traceModel(model, id);
    model.dispose();
    const into = graph.connections.filter((c) => c.kind === 'dense' && c.to.startsWith('memory.'));
    expect(into.map((c) => `${c.from}→${c.to}`)).not.toContain('input.0→memory.1');
    expect(into.find((c) => c.from === 'input.1' && c.to === 'memory.2')).toMatchObject({ weights: [1, gates] });
    expect(into).toHaveLength(2 * units - 1);
    const loops = graph.connections.filter((c) => c.kind === 'recurrent');
    expect(loops).toHaveLength(units * units);
    expect(loops.every((c) => c.weights?.[0] === 1 && c.weights[1] === gates)).toBe(true);
  });

  it('reads gate block g of unit k from column g·units + k, as the running layer uses it', () => {
    const model = build();
    // Only the candidate's weight from input 1 to unit 2 is nonzero: only unit 2 may respond to input 1.
    // LSTM blocks i, f, c̃, o; GRU blocks z, r, h̃: the candidate is block 2 in both.
    const candidate = 2;
    setKernels(model, (which, row, column) => (which === 'kernel' && row === 1 && column === candidate * units + 2 ? 3 : 0));
    const layerOutput = tf.model({ inputs: model.inputs, outputs: model.getLayer('memory').output as tf.SymbolicTensor });
    const h = tf.tidy(() => Array.from((layerOutput.predict(tf.tensor3d([[[0, 1]]])) as tf.Tensor).dataSync()));
    const graph = traceModel(model, id);
    model.dispose();
    expect(h.map((v) => v !== 0)).toEqual([false, false, true]);
    expect(graph.connections.filter((c) => c.kind === 'dense' && c.to.startsWith('memory.')).map((c) => `${c.from}→${c.to}`)).toEqual(['input.1→memory.2']);
  });
});
