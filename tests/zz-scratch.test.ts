import { it } from 'vitest';
import arch, { transformerParams } from '../src/zoo/transformer';
import { traceModel } from '../src/graph/trace';
it('x', () => {
  const m = arch.build(arch.configs.diagram);
  const g = traceModel(m, 'transformer');
  const by = new Map<string, number>();
  for (const c of g.connections) { const k = `${c.kind}${c.trainable === undefined ? '' : c.trainable ? ' trained' : ' fixed'}${c.causal ? ' causal' : ''}`; by.set(k, (by.get(k) ?? 0) + 1); }
  console.log('DIAG', m.countParams(), g.groups.length, g.cells.length, g.connections.length, JSON.stringify([...by]));
  const d = arch.build(arch.configs.demo);
  console.log('DEMO', d.countParams(), transformerParams(arch.configs.demo));
  for (const l of d.layers) if (l.countParams()) console.log(l.name, l.countParams());
});
