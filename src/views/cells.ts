import type { AnyArchitecture } from '../architecture/types';
import type { CellGraph } from '../graph/types';
import { describeGraph, groupCaption } from './captions';
import type { DiagramSpec } from './types';

/** The Zoo view: every cell, every connection, one column per group. */
export function cellsView(graph: CellGraph, architecture: AnyArchitecture): DiagramSpec {
  return {
    architecture: graph.architecture,
    view: 'cells',
    title: `${architecture.name} (${architecture.abbreviation}): cells`,
    description: describeGraph(graph, architecture.name, 'cells'),
    nodes: graph.cells.map((c) => ({ id: c.id, cell: c.id, group: c.group, cellType: c.type })),
    groups: graph.groups.map((g) => ({
      id: g.id,
      label: g.label,
      caption: groupCaption(graph, g),
      cellType: g.cellType,
      members: graph.cells.filter((c) => c.group === g.id).map((c) => c.id),
      orientation: 'column',
    })),
    edges: graph.connections.map((c) => ({ ...c, bundle: false })),
  };
}
