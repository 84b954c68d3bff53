import type { AnyArchitecture, View } from './architecture/types';
import { traceModel } from './graph/trace';
import type { CellGraph } from './graph/types';
import { layoutDiagram } from './layout/layout';
import { layoutLayers, type Direction } from './layout/layers-layout';
import { layoutOps } from './layout/op-layout';
import { renderLayersSvg } from './render/layers-render';
import { renderOpSvg } from './render/op-render';
import { renderSvg } from './render/render';
import { cellsView } from './views/cells';
import { internalsView, type OpDiagramSpec } from './views/internals';
import { layersView, type LayersDiagramSpec } from './views/layers';
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

/**
 * Views drawn from the model's layers and inbound nodes (src/graph/layer-graph.ts), at the canonical
 * configuration where there is one; laid out by src/layout/layers-layout.ts.
 */
const LAYER_VIEW_BUILDERS: Partial<Record<View, (architecture: AnyArchitecture) => LayersDiagramSpec>> = {
  layers: (architecture) => layersView(architecture, false),
  'layers-expanded': (architecture) => layersView(architecture, true),
};

const available = () => [...Object.keys(VIEW_BUILDERS), ...Object.keys(OP_VIEW_BUILDERS), ...Object.keys(LAYER_VIEW_BUILDERS)].join(', ');

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

export function layersDiagramSpec(architecture: AnyArchitecture, view: View): LayersDiagramSpec {
  const builder = LAYER_VIEW_BUILDERS[view];
  if (!builder) throw new Error(`${architecture.id}: view "${view}" is not a layers view (available: ${available()})`);
  return builder(architecture);
}

/** Whether a view draws the model's layers (and so needs no cell graph). */
export const isLayersView = (view: View): boolean => view in LAYER_VIEW_BUILDERS;

/** Whether a view draws the cell graph (and so has cells, groups and connections to account for). */
export const isCellGraphView = (view: View): boolean => view in VIEW_BUILDERS;

/** How a diagram is drawn, beyond what its definition says. */
export interface DrawOptions {
  /** Layers views: down the page (the default; what diagrams/ holds) or left to right. */
  readonly direction?: Direction;
}

/** definition → network → graph (cell, op or layer graph) → view → layout → SVG text. */
export async function generateSvg(architecture: AnyArchitecture, view: View, graph?: CellGraph, options: DrawOptions = {}): Promise<string> {
  if (OP_VIEW_BUILDERS[view]) return renderOpSvg(layoutOps(opDiagramSpec(architecture, view)));
  if (LAYER_VIEW_BUILDERS[view]) return renderLayersSvg(layoutLayers(layersDiagramSpec(architecture, view), options.direction));
  return renderSvg(layoutDiagram(diagramSpec(architecture, view, graph ?? traceArchitecture(architecture))));
}
