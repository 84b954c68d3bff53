import type { AnyArchitecture, View } from './architecture/types';
import { traceModel } from './graph/trace';
import type { CellGraph } from './graph/types';
import { layoutDiagram } from './layout/layout';
import { renderSvg } from './render/render';
import { cellsView } from './views/cells';
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

const VIEW_BUILDERS: Partial<Record<View, (graph: CellGraph, architecture: AnyArchitecture) => DiagramSpec>> = {
  cells: cellsView,
  unrolled: unrolledView,
};

export function diagramSpec(architecture: AnyArchitecture, view: View, graph = traceArchitecture(architecture)): DiagramSpec {
  const builder = VIEW_BUILDERS[view];
  if (!builder) throw new Error(`${architecture.id}: view "${view}" is not implemented yet (available: ${Object.keys(VIEW_BUILDERS).join(', ')})`);
  return builder(graph, architecture);
}

/** definition → network → graph → view → layout → SVG text. */
export async function generateSvg(architecture: AnyArchitecture, view: View, graph = traceArchitecture(architecture)): Promise<string> {
  return renderSvg(layoutDiagram(diagramSpec(architecture, view, graph)));
}
