/**
 * The living diagram's join (src/live/join.ts) for every architecture with a cell graph, at its
 * diagram and demo configs: every weight line the cells and unrolled views draw gets a value from
 * the model — a bundle and a line onto an ellipsis included, each standing for exactly the
 * connections the drawing says it does (all pairs of a bundle's groups; `count` for a counted line),
 * which the join checks against the trace.
 */
import { describe, expect, it } from 'vitest';
import { registry } from '../../src/architecture/registry.vite';
import { traceNetwork } from '../../src/graph/trace';
import { edgeKey, liveJoin } from '../../src/live/join';
import { livingSpecs } from '../../src/live/views';
import type { DiagramSpec } from '../../src/views/types';

const drawnWeights = (spec: DiagramSpec) => spec.edges.filter((e) => e.trainable !== undefined);

describe('every drawn weight line joins the weights it stands for', () => {
  for (const architecture of registry.architectures.filter((a) => a.views.includes('cells')))
    it(architecture.id, () => {
      for (const config of [architecture.configs.diagram, architecture.configs.demo].filter((c) => c !== undefined)) {
        const model = architecture.build(config);
        try {
          const traced = traceNetwork(model, architecture.id);
          for (const living of livingSpecs(architecture, traced, model)) {
            if (living.view !== 'cells' && living.view !== 'unrolled') continue;
            const spec = living.spec;
            const join = liveJoin(traced, spec);
            expect(join.weights.map((w) => w.edge)).toEqual(drawnWeights(spec).map((e) => edgeKey(e.from, e.to, e.kind)));
            for (const [k, edge] of drawnWeights(spec).entries()) {
              const weight = join.weights[k]!;
              expect(weight.source.indices.length, `${spec.view} ${weight.edge}`).toBeGreaterThan(0);
              expect(weight.stands !== undefined, `${spec.view} ${weight.edge}: a value of many only on a bundle or a counted line`).toBe(edge.bundle || edge.count !== undefined);
              if (edge.count !== undefined) expect(weight.stands).toBe(edge.count);
            }
          }
        } finally {
          model.dispose();
        }
      }
    });

  it('refuses a drawing whose counted line claims a connection the model does not have', () => {
    const architecture = registry.get('echo-state-network');
    const model = architecture.build(architecture.configs.demo!);
    try {
      const traced = traceNetwork(model, architecture.id);
      const spec = livingSpecs(architecture, traced, model).find((l) => l.view === 'cells')!.spec as DiagramSpec;
      const counted = spec.edges.findIndex((e) => e.count !== undefined && e.trainable !== undefined);
      expect(counted).toBeGreaterThanOrEqual(0);
      const wrong = { ...spec, edges: spec.edges.map((e, k) => (k === counted ? { ...e, count: e.count! + 1 } : e)) };
      expect(() => liveJoin(traced, wrong)).toThrow(/says it stands for \d+ connections; the model's trace has \d+/);
      const bundled = spec.edges.findIndex((e) => e.bundle && e.trainable !== undefined);
      expect(bundled).toBeGreaterThanOrEqual(0);
      const elsewhere = { ...spec, edges: spec.edges.map((e, k) => (k === bundled ? { ...e, from: e.to, to: e.from } : e)) };
      expect(() => liveJoin(traced, elsewhere)).toThrow(/says every one of \d+ pairs is connected/);
    } finally {
      model.dispose();
    }
  });
});
