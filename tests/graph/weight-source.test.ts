import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { registry } from '../../src/architecture/registry.vite';
import { traceModel } from '../../src/graph/trace';
import { isWeight, type CellGraph, type Connection } from '../../src/graph/types';
import { weightSourceOf } from '../../src/graph/weight-source';

const pair = (c: Connection) => `${c.from} → ${c.to}`;
const entries = (c: Connection) => (c.weights ? c.weights[0] * c.weights[1] : 1);

/** Layers whose every weight entry is a line, zero or not (a distance to a centre or prototype: connectionsOf's `everyEntry`). */
const DRAWS_ZEROS: ReadonlySet<string> = new Set(['RadialBasis', 'SelfOrganisingMap']);
const drawsZeros = (graph: CellGraph, c: Connection) => DRAWS_ZEROS.has(graph.groups.find((g) => g.id === c.to.slice(0, c.to.lastIndexOf('.')))?.layerClass ?? '');

/**
 * Every weight line of every architecture knows where its parameters live (src/graph/weight-source.ts),
 * which is what a living diagram reads each frame. Checked three ways: the recorded entries are as many
 * as the line stands for; two lines record the same entries exactly when they share a parameter
 * (`weight`) and no entries otherwise; and setting a line's entries to zero in the model removes exactly
 * the lines on those entries from a fresh trace (tracing draws no all-zero weight), so the entries are
 * that line's own. Lines of layers that draw zero entries too (RBF centres, SOM prototypes) are left out
 * of the last check only.
 */
// Architectures drawn only as layers (the large convolutional classics) have no cell graph to trace.
const traced = registry.architectures.filter((a) => a.views.includes('cells'));

describe.each(traced.map((a) => [a.id, a] as const))('%s: weight sources', (id, architecture) => {
  it('every weight line names its own entries in the model', () => {
    const model = architecture.build(architecture.configs.diagram);
    try {
      const graph = traceModel(model, id);
      const weights = graph.connections.filter(isWeight);
      expect(weights.length).toBeGreaterThan(0);
      const owner = new Map<string, string>();
      for (const c of weights) {
        const source = weightSourceOf(c);
        expect(source, `${pair(c)} (${c.kind}): no weight source recorded`).toBeDefined();
        expect(source!.indices, pair(c)).toHaveLength(entries(c));
        for (const i of source!.indices) {
          const entry = `${source!.variable.name}[${i}]`;
          const sharer = owner.get(entry);
          if (sharer === undefined) owner.set(entry, c.weight ?? pair(c));
          else expect(c.weight, `${pair(c)} records ${entry}, already recorded by ${sharer}`).toBe(sharer);
        }
      }
      const checked = weights.filter((c) => !drawsZeros(graph, c));
      const picks = [...new Set([0, Math.floor(checked.length / 2), checked.length - 1])].flatMap((k) => (checked[k] ? [checked[k]] : []));
      for (const picked of picks) {
        const { variable, indices } = weightSourceOf(picked)!;
        const onThem = weights.filter((c) => weightSourceOf(c)!.variable === variable && weightSourceOf(c)!.indices.every((i) => indices.includes(i))).map(pair);
        const before = variable.read().clone();
        try {
          const zeroed = before.dataSync().slice();
          for (const i of indices) zeroed[i] = 0;
          variable.write(tf.tensor(zeroed, before.shape));
          const left = new Set(traceModel(model, id).connections.filter(isWeight).map(pair));
          expect(new Set(weights.map(pair).filter((k) => !left.has(k))), `zeroing the entries of ${pair(picked)}`).toEqual(new Set(onThem));
        } finally {
          variable.write(before);
          before.dispose();
        }
      }
    } finally {
      model.dispose();
    }
  });
});
