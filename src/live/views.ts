import type * as tf from '@tensorflow/tfjs';
import type { AnyArchitecture } from '../architecture/types';
import type { TracedNetwork } from '../graph/trace';
import { isDelayed, type CellGraph } from '../graph/types';
import { DEFAULT_ELISION, type ElisionPolicy, type GroupElisionPolicy } from '../views/elision';
import { cellsView } from '../views/cells';
import { readLayerGraph } from '../graph/layer-graph';
import { internalsOf, type OpDiagramSpec } from '../views/internals';
import { layersSpec, type LayersDiagramSpec } from '../views/layers';
import type { DiagramSpec } from '../views/types';
import { unrolledView } from '../views/unrolled';

/**
 * The views a living diagram shows, in this order, where the architecture has them; the layers view
 * only for an architecture drawn as layers alone (the convolutional classics), whose cells are too many.
 */
export const LIVING_VIEWS = ['cells', 'unrolled', 'internals', 'layers'] as const;
export type LivingView = (typeof LIVING_VIEWS)[number];

/** One living view's spec: drawn from the cell graph (cells, unrolled) or from the first gated cell's op graph (internals). */
export type LivingSpec =
  | { readonly view: 'cells' | 'unrolled'; readonly spec: DiagramSpec }
  | { readonly view: 'internals'; readonly spec: OpDiagramSpec }
  | { readonly view: 'layers'; readonly spec: LayersDiagramSpec };

/**
 * A group whose every cell feeds every cell of it at the next step (a recurrent layer's m×m weights):
 * drawn whole past 6 cells, its 7² and more lines in one column run through the group's own t−1
 * badge and merge into a block.
 */
const DENSE_RECURRENT: GroupElisionPolicy = { over: 6, head: 3, tail: 1 };
/**
 * A network that reads a memory or a sequence by attention draws lines from group to far group: in
 * the cells view, past 6 cells a group's reads crowd round the captions; past about 200 lines drawn
 * even so (the DNC's dozen small groups, 228), they still run through captions and t−1 badges, and
 * every group past 3 cells is drawn as first, ⋮, last. The unrolled view draws each read once for
 * every pair of steps, from step to far step through the other steps' labels: there a group past 2
 * cells is drawn as its first cell and ⋮.
 */
const READS_CELLS: GroupElisionPolicy = { over: 6, head: 3, tail: 1 };
const READS_CELLS_CROWDED: GroupElisionPolicy = { over: 3, head: 1, tail: 1 };
const CROWDED_LINES = 200;
const READS_UNROLLED: GroupElisionPolicy = { over: 2, head: 1, tail: 0 };

/**
 * A drawing of more than 600 lines (the deep residual network's 1,176 at its demo size) is legible,
 * but the page cannot repaint it within one animation frame: each frame restyles every line that
 * moved, some 30 ms of CPU on this machine. There every group past 6 cells is drawn as 3, ⋮, last.
 */
const HEAVY_LINES = 600;
const HEAVY: GroupElisionPolicy = { over: 6, head: 3, tail: 1 };

/** Groups whose cells all feed one another at the next step, by id. */
function denselyRecurrent(graph: CellGraph): Set<string> {
  const within = new Map<string, number>();
  const groupOf = new Map(graph.cells.map((c) => [c.id, c.group]));
  for (const c of graph.connections) {
    const group = groupOf.get(c.from);
    if (isDelayed(c) && c.kind === 'recurrent' && group === groupOf.get(c.to)) within.set(group!, (within.get(group!) ?? 0) + 1);
  }
  return new Set(graph.groups.filter((g) => g.size > 1 && (within.get(g.id) ?? 0) >= g.size * g.size).map((g) => g.id));
}

/**
 * A living view of `graph`, with how it elides its groups: decided from the cell graph alone, before
 * any layout (the demo worker joins values to the drawn cells, the page's diagram worker lays out the
 * same spec). The default (DEFAULT_ELISION: groups over 12 cells) except for the groups that make a
 * demo-sized drawing illegible: densely recurrent ones, and every group of a network that reads by
 * attention; and a drawing too heavy to repaint. A small network (the RBF's 10 centres) is drawn
 * whole as before. Each elision tried is drawn once: the spec returned is the one it was judged by.
 */
export function livingView(graph: CellGraph, architecture: AnyArchitecture, view: 'cells' | 'unrolled'): { elision: ElisionPolicy; spec: DiagramSpec } {
  const draw = (elision: ElisionPolicy) => ({ elision, spec: (view === 'cells' ? cellsView : unrolledView)(graph, architecture, elision) });
  const every = (policy: GroupElisionPolicy): ElisionPolicy => ({ ...DEFAULT_ELISION, groups: new Map(graph.groups.map((g) => [g.id, policy])) });
  if (graph.connections.some((c) => c.kind === 'attention')) {
    if (view === 'unrolled') return draw(every(READS_UNROLLED));
    const reads = draw(every(READS_CELLS));
    return reads.spec.edges.length > CROWDED_LINES ? draw(every(READS_CELLS_CROWDED)) : reads;
  }
  const dense = [...denselyRecurrent(graph)].filter((id) => graph.groups.find((g) => g.id === id)!.size > DENSE_RECURRENT.over);
  const drawn = draw(dense.length > 0 ? { ...DEFAULT_ELISION, groups: new Map(dense.map((id) => [id, DENSE_RECURRENT])) } : DEFAULT_ELISION);
  return drawn.spec.edges.length > HEAVY_LINES ? draw(every(HEAVY)) : drawn;
}

/** The living views of a built network of `architecture`, with their specs: the build's own view code. */
export function livingSpecs(architecture: AnyArchitecture, traced: TracedNetwork | undefined, model: tf.LayersModel): LivingSpec[] {
  const has = (view: LivingView) => architecture.views.includes(view);
  return [
    ...(has('cells') && traced ? [{ view: 'cells' as const, spec: livingView(traced.graph, architecture, 'cells').spec }] : []),
    ...(has('unrolled') && traced ? [{ view: 'unrolled' as const, spec: livingView(traced.graph, architecture, 'unrolled').spec }] : []),
    ...(has('internals') ? [{ view: 'internals' as const, spec: internalsOf(architecture, model) }] : []),
    ...(has('layers') && !has('cells') ? [{ view: 'layers' as const, spec: layersSpec(readLayerGraph(model), { architecture, config: 'demo', expanded: false }) }] : []),
  ];
}
