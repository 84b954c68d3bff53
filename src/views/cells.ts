import type { AnyArchitecture } from '../architecture/types';
import type { CellGraph } from '../graph/types';
import { connectionBlocks, describeGraph, groupCaption } from './captions';
import type { DiagramEdge, DiagramSpec } from './types';

/**
 * Edges of the cells view: one per connection, except a complete block into or out of a lattice
 * group, which is one bundle. Lines to every cell of a grid would pass behind its other cells and
 * read as connections they are not; a bundle is drawn only where every pair is connected.
 */
function cellsEdges(graph: CellGraph): DiagramEdge[] {
  const byId = new Map(graph.groups.map((g) => [g.id, g]));
  return connectionBlocks(graph).flatMap(({ from, to, kind, connections }): DiagramEdge[] => {
    const lattice = byId.get(from)!.lattice ?? byId.get(to)!.lattice;
    const [first] = connections;
    const complete = connections.length === byId.get(from)!.size * byId.get(to)!.size;
    const uniform = connections.every((c) => c.trainable === first!.trainable && c.directed === first!.directed);
    if (lattice && from !== to && complete && uniform) return [{ from, to, bundle: true, kind, trainable: first!.trainable, directed: first!.directed }];
    return connections.map((c) => ({ ...c, bundle: false }));
  });
}

/** The Zoo view: every cell, every connection, one column per group (a grid for a lattice). */
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
      ...(g.lattice ? { orientation: 'grid' as const, lattice: g.lattice } : { orientation: 'column' as const }),
    })),
    edges: cellsEdges(graph),
  };
}
