import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { MAX_TRACE_SIZE, TooLargeError, traceModel } from '../../src/graph/trace';
import feedForward from '../../src/zoo/feed-forward';

const build = (inputs: number, hidden: number) => feedForward.build({ ...feedForward.configs.diagram, inputs, hidden: [hidden], outputs: 1 });

describe('traceModel at scale', () => {
  it('traces a hidden layer of 10⁵ cells, one connection per weight, without overflowing the stack', () => {
    const model = build(2, 100_000);
    const graph = traceModel(model, 'feed-forward');
    model.dispose();
    expect(graph.groups.map((g) => g.size)).toEqual([2, 100_000, 1]);
    expect(graph.connections).toHaveLength(3 * 100_000);
    expect(graph.connections.at(-1)).toMatchObject({ from: 'hidden.99999', to: 'output.0' });
  });

  it('refuses a network past MAX_TRACE_SIZE before building a connection, naming the architecture, its heaviest group and the sizes', () => {
    const model = build(2_000, 1_000);
    let error: unknown;
    try {
      traceModel(model, 'feed-forward');
    } catch (e) {
      error = e;
    } finally {
      model.dispose();
    }
    expect(error).toBeInstanceOf(TooLargeError);
    // 2,000 + 1,000 + 1 cells; 2,000,000 + 1,000 weights.
    expect((error as TooLargeError).message).toBe(
      'feed-forward: group "hidden" (1,000 cells, 2,000,000 weights in) is too large to draw cell by cell: ' +
        `the network's 2,004,001 cells and weights exceed the ${MAX_TRACE_SIZE.toLocaleString('en')} a diagram traces, one object each; draw a smaller configuration`,
    );
    expect(error).toMatchObject({ architecture: 'feed-forward', group: 'hidden', size: 1_000 });
  });

  it('counts cells as well as weights: a layer of 10⁶ cells is refused though its 2·10⁶ weights alone are within the bound', () => {
    const model = build(1, 1_000_000);
    expect(() => {
      try {
        traceModel(model, 'feed-forward');
      } finally {
        model.dispose();
      }
    }).toThrow(/^feed-forward: group "hidden" \(1,000,000 cells, 1,000,000 weights in\) is too large to draw cell by cell/);
  });

  it("counts a sparse matrix's nonzeros, not its zero entries: 2,000,000 entries with 1,000 nonzero are traced", () => {
    const model = build(2_000, 1_000);
    try {
      // Only the diagonal of the 2,000×1,000 hidden kernel is nonzero.
      const kernel = tf.tidy(() => tf.eye(2_000, 1_000));
      const [, bias] = model.getLayer('hidden').getWeights();
      model.getLayer('hidden').setWeights([kernel, bias!]);
      kernel.dispose();
      const graph = traceModel(model, 'feed-forward');
      expect(graph.groups.map((g) => g.size)).toEqual([2_000, 1_000, 1]);
      expect(graph.connections).toHaveLength(1_000 + 1_000);
    } finally {
      model.dispose();
    }
  });
});
