import type * as tf from '@tensorflow/tfjs';
import type { AnyArchitecture } from '../architecture/types';
import type { TracedNetwork } from '../graph/trace';
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

/** The living views of a built network of `architecture`, with their specs: the build's own view code. */
export function livingSpecs(architecture: AnyArchitecture, traced: TracedNetwork | undefined, model: tf.LayersModel): LivingSpec[] {
  const has = (view: LivingView) => architecture.views.includes(view);
  return [
    ...(has('cells') && traced ? [{ view: 'cells' as const, spec: cellsView(traced.graph, architecture) }] : []),
    ...(has('unrolled') && traced ? [{ view: 'unrolled' as const, spec: unrolledView(traced.graph, architecture) }] : []),
    ...(has('internals') ? [{ view: 'internals' as const, spec: internalsOf(architecture, model) }] : []),
    ...(has('layers') && !has('cells') ? [{ view: 'layers' as const, spec: layersSpec(readLayerGraph(model), { architecture, config: 'demo', expanded: false }) }] : []),
  ];
}
