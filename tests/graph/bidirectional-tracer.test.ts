import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { traceModel } from '../../src/graph/trace';
import birnn from '../../src/zoo/bidirectional-rnn';

/** A Bidirectional SimpleRNN model with every weight entry set by `value(variable name, row, column)`. */
function patterned(value: (name: string, row: number, column: number) => number): tf.LayersModel {
  const model = birnn.build({ ...birnn.configs.diagram, units: 3 });
  for (const layer of model.layers)
    layer.setWeights(
      layer.weights.map((w) => {
        const shape = w.shape as number[];
        const [rows = 1, columns = 1] = shape;
        return tf.tensor(Array.from({ length: rows * columns }, (_, k) => value(w.originalName, Math.floor(k / columns), k % columns)), shape);
      }),
    );
  return model;
}

describe('the Bidirectional tracer', () => {
  it('reads the output weights of concatenation row i from forward cell i, then from backward cell i − size', () => {
    // Output kernel rows 0–2 read the forward chain, rows 3–5 the backward one (tfjs concatenates forward first).
    // Zero out rows 1 and 4: forward cell 1 and backward cell 1 then feed no output.
    const model = patterned((name, row) => (name.startsWith('output/kernel') && (row === 1 || row === 4) ? 0 : 0.5));
    const graph = traceModel(model, 'bidirectional-rnn');
    const intoOutput = graph.connections.filter((c) => c.to.startsWith('output.')).map((c) => c.from);
    expect([...new Set(intoOutput)].sort()).toEqual(['backward_rnn.0', 'backward_rnn.2', 'forward_rnn.0', 'forward_rnn.2']);
    model.dispose();
  });

  it('marks the recurrent weights of the chain that reads backwards, and only those, as running from t+1 to t', () => {
    // Distinct zero patterns per chain show that each chain's own recurrent kernel is read.
    const model = patterned((name, row, column) => {
      if (name.endsWith('forward_rnn/recurrent_kernel')) return row === column ? 0 : 1;
      if (name.endsWith('backward_rnn/recurrent_kernel')) return row === column ? 1 : 0;
      return 1;
    });
    const graph = traceModel(model, 'bidirectional-rnn');
    const recurrent = graph.connections.filter((c) => c.kind === 'recurrent');
    const forward = recurrent.filter((c) => c.from.startsWith('forward_rnn.'));
    const backward = recurrent.filter((c) => c.from.startsWith('backward_rnn.'));
    expect(forward).toHaveLength(6);
    expect(forward.every((c) => c.delay === undefined && c.from !== c.to)).toBe(true);
    expect(backward).toHaveLength(3);
    expect(backward.every((c) => c.delay === -1 && c.from === c.to)).toBe(true);
    expect(graph.groups.find((g) => g.id === 'backward_rnn')!.notes).toContain('runs backward: t+1 → t');
    model.dispose();
  });

  it('refuses a merge mode other than concat, naming the layer and what it expected', () => {
    const input = tf.input({ shape: [null, 2] });
    const layer = tf.layers.bidirectional({ layer: tf.layers.simpleRNN({ units: 2, returnSequences: true }) as tf.RNN, mergeMode: 'sum', name: 'summed' });
    const model = tf.model({ inputs: input, outputs: layer.apply(input) as tf.SymbolicTensor });
    expect(() => traceModel(model, 'x')).toThrow('layer "summed" (Bidirectional): expected mergeMode "concat", but got "sum"');
    model.dispose();
  });
});
