import type { AnyArchitecture } from '../architecture/types';
import type { CellGraph, Connection } from '../graph/types';
import { connectionBlocks, describeGraph } from './captions';
import { DEFAULT_ELISION, describeElision, drawnMembers, elideCells, mergeOntoEllipses, type ElisionPolicy } from './elision';
import type { DiagramEdge, DiagramSpec, DiagramStep } from './types';

const STEPS: readonly DiagramStep[] = [
  { index: 0, label: 't−1' },
  { index: 1, label: 't' },
  { index: 2, label: 't+1' },
];

export const atStep = (id: string, step: number): string => `${id}@${step}`;

/**
 * Time laid out in space: one copy of the network per step, side by side. Connections within a step
 * are drawn per step (as one bundle where every pair is connected); each recurrent connection is drawn
 * from step k to step k+1, so the recurrence shows as wiring between copies instead of a loop; each
 * attention connection from every step to every step (a decoder step reads the memory at every source
 * position, later ones included).
 * Large groups are elided in every copy as in the cells view (`policy`).
 */
export function unrolledView(graph: CellGraph, architecture: AnyArchitecture, policy: ElisionPolicy = DEFAULT_ELISION): DiagramSpec {
  const elision = elideCells(graph, policy);
  const drawn = (cell: string, step: number) => atStep(elision.drawnAs.get(cell)!, step);
  const groupOf = new Map(graph.cells.map((c) => [c.id, c.group]));
  const recurrentGroups = new Set(graph.connections.filter((c) => c.kind === 'recurrent').map((c) => groupOf.get(c.from)));
  const sizeOf = new Map(graph.groups.map((g) => [g.id, g.size]));
  const attends = graph.connections.some((c) => c.kind === 'attention');
  const edges: DiagramEdge[] = [];
  for (const step of STEPS) {
    for (const block of connectionBlocks(graph)) {
      if (block.kind === 'recurrent' || block.kind === 'attention') continue;
      const complete = block.connections.length === sizeOf.get(block.from)! * sizeOf.get(block.to)!;
      const first = block.connections[0]!;
      const blockOf = (c: Connection) => c.weights?.join('×');
      const uniform = block.connections.every((c) => c.trainable === first.trainable && c.directed === first.directed && blockOf(c) === blockOf(first));
      if (complete && uniform) {
        const { trainable, directed, weights } = first;
        edges.push({ from: atStep(block.from, step.index), to: atStep(block.to, step.index), bundle: true, kind: block.kind, trainable, directed, ...(weights ? { weights } : {}) });
      } else
        for (const c of block.connections)
          edges.push({ ...c, from: drawn(c.from, step.index), to: drawn(c.to, step.index), bundle: false });
    }
  }
  for (const step of STEPS.slice(1))
    for (const c of graph.connections)
      if (c.kind === 'recurrent') edges.push({ ...c, from: drawn(c.from, step.index - 1), to: drawn(c.to, step.index), bundle: false });
  // An attention connection reads the memory at every source position: step t's copy reads every step's.
  for (const to of STEPS)
    for (const from of STEPS)
      for (const c of graph.connections)
        if (c.kind === 'attention') edges.push({ ...c, from: drawn(c.from, from.index), to: drawn(c.to, to.index), bundle: false });

  const elided = describeElision(elision);
  return {
    architecture: graph.architecture,
    view: 'unrolled',
    title: `${architecture.name} (${architecture.abbreviation}): unrolled over time`,
    description: `${describeGraph(graph, architecture.name, 'unrolled')} Shown for steps ${STEPS.map((s) => s.label).join(', ')}; ${
      recurrentGroups.size > 0
        ? "each recurrent connection runs from one step's copy to the next."
        : 'no connection runs between steps: each input is processed on its own, with no memory of the last.'
    }${attends ? ' Each attention connection runs from its source cell at every step to its target cell at every step, earlier and later alike: each step reads the whole stored sequence.' : ''}${elided ? ` ${elided}` : ''}`,
    steps: STEPS,
    nodes: STEPS.flatMap((step) =>
      elision.groups.flatMap((e) =>
        drawnMembers(e).map(({ id, elided: range }) => ({
          id: atStep(id, step.index),
          cell: id,
          group: atStep(e.group.id, step.index),
          cellType: e.group.cellType,
          step: step.index,
          ...(range ? { elided: range } : {}),
        })),
      ),
    ),
    groups: STEPS.flatMap((step) =>
      elision.groups.map((e) => ({
        id: atStep(e.group.id, step.index),
        label: e.group.label,
        // Captions would repeat at every step; the cells view carries them.
        caption: [],
        cellType: e.group.cellType,
        members: drawnMembers(e).map((m) => atStep(m.id, step.index)),
        orientation: recurrentGroups.has(e.group.id) ? ('column' as const) : ('row' as const),
        step: step.index,
      })),
    ),
    edges: mergeOntoEllipses(edges, new Set([...elision.ellipses].flatMap((id) => STEPS.map((s) => atStep(id, s.index))))),
  };
}
