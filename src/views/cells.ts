import type { AnyArchitecture } from '../architecture/types';
import { nameWithAbbreviation } from '../architecture/names';
import type { CellGraph } from '../graph/types';
import { bundleOf, connectionBlocks, describeGraph, groupCaption, uniformBlock } from './captions';
import { DEFAULT_ELISION, describeElision, drawnMembers, elideCells, mergeOntoEllipses, type CellElision, type ElisionPolicy } from './elision';
import { ringsOf } from './rings';
import type { DiagramEdge, DiagramSpec } from './types';

const blockKey = (from: string, to: string, kind: string) => `${from}|${to}|${kind}`;

/**
 * Blocks drawn as one bundle: between two different groups, every pair connected with the same flags,
 * where at least one group is elided (its cells are then too many to draw one line each, and an m×n
 * bundle says exactly what is there) or is a lattice (lines to every cell of a grid would pass behind
 * its other cells and read as connections they are not). Other blocks stay line by line, as in the Zoo.
 */
function bundles(graph: CellGraph, elision: CellElision): Map<string, DiagramEdge> {
  const sizeOf = new Map(graph.groups.map((g) => [g.id, g.size]));
  const bundledGroups = new Set(elision.groups.filter((e) => e.elided).map((e) => e.group.id));
  for (const g of graph.groups) if (g.lattice) bundledGroups.add(g.id);
  const result = new Map<string, DiagramEdge>();
  for (const { from, to, kind, connections } of connectionBlocks(graph)) {
    const complete = connections.length === sizeOf.get(from)! * sizeOf.get(to)!;
    if (from !== to && complete && uniformBlock(connections) && (bundledGroups.has(from) || bundledGroups.has(to)))
      result.set(blockKey(from, to, kind), bundleOf(from, to, connections[0]!));
  }
  return result;
}

/**
 * The Zoo view: one column per group, every connection drawn. A large group shows a few cells and an
 * ellipsis for the rest (`policy`); its connections are drawn as m×n bundles where complete, and
 * otherwise merged onto the ellipsis with their count.
 */
export function cellsView(graph: CellGraph, architecture: AnyArchitecture, policy: ElisionPolicy = DEFAULT_ELISION): DiagramSpec {
  const elision = elideCells(graph, policy);
  const bundled = bundles(graph, elision);
  const groupOf = new Map(graph.cells.map((c) => [c.id, c.group]));
  const edges: DiagramEdge[] = [];
  const drawnBundles = new Set<string>();
  for (const c of graph.connections) {
    const key = blockKey(groupOf.get(c.from)!, groupOf.get(c.to)!, c.kind);
    const bundle = bundled.get(key);
    if (!bundle) edges.push({ ...c, from: elision.drawnAs.get(c.from)!, to: elision.drawnAs.get(c.to)!, bundle: false });
    else if (!drawnBundles.has(key)) {
      drawnBundles.add(key);
      edges.push(bundle);
    }
  }
  const elided = describeElision(elision);
  const rings = ringsOf(graph);
  return {
    architecture: graph.architecture,
    view: 'cells',
    title: `${nameWithAbbreviation(architecture)}: cells`,
    description: [describeGraph(graph, architecture.name, 'cells'), ...(elided ? [elided] : [])].join(' '),
    nodes: elision.groups.flatMap((e) =>
      drawnMembers(e).map(({ id, elided: range }) => ({ id, cell: id, group: e.group.id, cellType: e.group.cellType, ...(range ? { elided: range } : {}) })),
    ),
    groups: elision.groups.map((e) => ({
      id: e.group.id,
      label: e.group.label,
      // Unwrapped: layout breaks the lines to the width its cells and loops leave (src/layout/group-box.ts).
      caption: groupCaption(graph, e.group),
      cellType: e.group.cellType,
      members: drawnMembers(e).map((m) => m.id),
      ...(e.group.lattice
        ? { orientation: 'grid' as const, lattice: e.group.lattice }
        : rings.has(e.group.id)
          ? { orientation: 'ring' as const, ring: rings.get(e.group.id)! }
          : { orientation: 'column' as const }),
    })),
    edges: mergeOntoEllipses(edges, elision.ellipses),
  };
}
