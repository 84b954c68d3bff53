import type { AnyArchitecture, View } from './architecture/types';
import { traceModel } from './graph/trace';
import type { CellGraph } from './graph/types';
import { layoutDiagram } from './layout/layout';
import { layoutOps } from './layout/op-layout';
import { renderOpSvg } from './render/op-render';
import { renderSvg } from './render/render';
import { cellsView } from './views/cells';
import { internalsView, type OpDiagramSpec } from './views/internals';
import type { DiagramSpec } from './views/types';
import { unrolledView } from './views/unrolled';

/** Build the diagram-sized network and read its graph; the model is disposed once read. */
export function traceArchitecture(architecture: AnyArchitecture): CellGraph {
  const model = architecture.build(architecture.configs.diagram);
  try {
    return traceModel(model, architecture.id);
  } finally {
    model.dispose();
  }
}

/** Views drawn from the cell graph: cells and connections, laid out by src/layout/layout.ts. */
const VIEW_BUILDERS: Partial<Record<View, (graph: CellGraph, architecture: AnyArchitecture) => DiagramSpec>> = {
  cells: cellsView,
  unrolled: unrolledView,
};

/**
 * Views drawn from something other than the cell graph: `internals` draws one cell's executing op
 * graph (operations and data flow, no weights per cell pair), laid out by src/layout/op-layout.ts.
 */
const OP_VIEW_BUILDERS: Partial<Record<View, (architecture: AnyArchitecture) => OpDiagramSpec>> = {
  internals: internalsView,
};

const available = () => [...Object.keys(VIEW_BUILDERS), ...Object.keys(OP_VIEW_BUILDERS)].join(', ');

/** The spec of a cell-graph view (cells, unrolled). The internals view has its own: `opDiagramSpec`. */
export function diagramSpec(architecture: AnyArchitecture, view: View, graph = traceArchitecture(architecture)): DiagramSpec {
  const builder = VIEW_BUILDERS[view];
  if (!builder) throw new Error(`${architecture.id}: view "${view}" is not a cell-graph view (${OP_VIEW_BUILDERS[view] ? 'use opDiagramSpec' : `available: ${available()}`})`);
  return builder(graph, architecture);
}

export function opDiagramSpec(architecture: AnyArchitecture, view: View): OpDiagramSpec {
  const builder = OP_VIEW_BUILDERS[view];
  if (!builder) throw new Error(`${architecture.id}: view "${view}" is not an op-graph view (available: ${available()})`);
  return builder(architecture);
}

/** Whether a view draws the cell graph (and so has cells, groups and connections to account for). */
export const isCellGraphView = (view: View): boolean => view in VIEW_BUILDERS;

/**
 * How to draw a diagram. `direction`: which way a layers view runs, `down` (top to bottom, the
 * default, what diagrams/ holds) or `right` (left to right). Views not in VIEWS_WITH_DIRECTION keep
 * their own fixed orientation and ignore it.
 */
export interface DrawOptions {
  readonly direction?: 'down' | 'right';
}

/** The views that obey DrawOptions.direction. */
export const VIEWS_WITH_DIRECTION: readonly View[] = ['layers', 'layers-expanded'];

/** definition → network → graph (or op graph) → view → layout → SVG text. */
export async function generateSvg(architecture: AnyArchitecture, view: View, graph?: CellGraph, _options: DrawOptions = {}): Promise<string> {
  if (OP_VIEW_BUILDERS[view]) return renderOpSvg(layoutOps(opDiagramSpec(architecture, view)));
  return renderSvg(layoutDiagram(diagramSpec(architecture, view, graph ?? traceArchitecture(architecture))));
}
