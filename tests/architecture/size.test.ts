import { describe, expect, it } from 'vitest';
import { registry } from '../../src/architecture/registry.vite';
import { checkStatedSize, watchWeights } from '../../src/architecture/size-limit';
import type { AnyArchitecture } from '../../src/architecture/types';
import { MAX_TRACE_SIZE, TooLargeError, traceSizes } from '../../src/graph/trace';
import echoStateNetwork from '../../src/zoo/echo-state-network';
import feedForward from '../../src/zoo/feed-forward';

/** Groups fed through sparse random matrices, whose stated weights are an upper bound on the nonzeros. */
const SPARSE_GROUPS = new Set(['echo-state-network/reservoir', 'liquid-state-machine/liquid']);
const configsOf = (a: AnyArchitecture) => Object.entries(a.configs).filter(([, c]) => c !== undefined) as [string, unknown][];

describe('the size a config implies, known before building', () => {
  for (const architecture of registry.architectures)
    for (const [name, config] of configsOf(architecture))
      it(`${architecture.id} configs.${name}: the estimate bounds what the trace counts${architecture.size ? ' and matches it group by group' : ''}`, () => {
        let declared = 0;
        const model = watchWeights((_, n) => (declared += n), () => architecture.build(config));
        try {
          const traced = traceSizes(model);
          const tracedWeights = traced.reduce((n, s) => n + s.weights, 0);
          if (!architecture.size) {
            // A layer that reads another's matrix (a Transformer's tied embedding and softmax) declares
            // none, but its lines are traced too: count what it reads once more.
            const owned = (l: (typeof model.layers)[number]) => [...l.trainableWeights, ...l.nonTrainableWeights];
            for (const layer of model.layers)
              for (const w of layer.weights) if (w.shape.length === 2 && !owned(layer).includes(w)) declared += w.shape[0]! * w.shape[1]!;
            // Guarded while building: the matrix entries declared bound the nonzeros traced.
            expect(declared).toBeGreaterThanOrEqual(tracedWeights);
            return;
          }
          const stated = architecture.size(config);
          // Every group the trace counts, with its cells exactly, and no group it does not.
          expect(stated.map((s) => [s.group, s.cells])).toEqual(traced.filter((s) => s.cells + s.weights > 0).map((s) => [s.group, s.cells]));
          for (const s of stated) {
            const t = traced.find((g) => g.group === s.group)!;
            // Dense matrices exactly; a sparse one by an upper bound on its nonzeros.
            if (SPARSE_GROUPS.has(`${architecture.id}/${s.group}`)) expect(s.weights).toBeGreaterThanOrEqual(t.weights);
            else expect(s.weights, s.group).toBe(t.weights);
          }
        } finally {
          model.dispose();
        }
      });

  it('covers the definitions whose configs can grow past the bound before any weight is allocated: feed-forward and the echo-state network', () => {
    expect(typeof feedForward.size).toBe('function');
    expect(typeof echoStateNetwork.size).toBe('function');
  });

  it("counts a sparse reservoir's nonzeros, not its zero entries: 2,000 units at density 0.01 pass", () => {
    const config = { ...echoStateNetwork.configs.diagram, units: 2_000, density: 0.01 };
    const stated = checkStatedSize(echoStateNetwork as AnyArchitecture, config, {})!;
    const reservoir = stated.find((s) => s.group === 'reservoir')!;
    // 2,000 input weights and about 40,000 recurrent ones, not 4,000,000.
    expect(reservoir.weights).toBeGreaterThan(42_000);
    expect(reservoir.weights).toBeLessThan(44_000);
  });

  it('refuses before building, with the figure, the limit, the heaviest group and the field that sets it', () => {
    const config = { ...feedForward.configs.diagram, hidden: [1e9] };
    let error: unknown;
    try {
      checkStatedSize(feedForward as AnyArchitecture, config, { file: 'src/zoo/feed-forward.ts', config: 'configs.diagram' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TooLargeError);
    expect((error as Error).message).toBe(
      'feed-forward: group "hidden" (1,000,000,000 cells, 2,000,000,000 weights in, set by configs.diagram.hidden[0] in src/zoo/feed-forward.ts) is too large to draw cell by cell: ' +
        `the network's 4,000,000,003 cells and weights exceed the ${MAX_TRACE_SIZE.toLocaleString('en')} a diagram traces, one object each; draw a smaller configuration`,
    );
  });
});
