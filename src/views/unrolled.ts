import type { AnyArchitecture } from '../architecture/types';
import { nameWithAbbreviation } from '../architecture/names';
import { isDelayed, type CellGraph, type Connection } from '../graph/types';
import { bundleOf, connectionBlocks, describeGraph, uniformBlock } from './captions';
import { DEFAULT_ELISION, describeElision, drawnMembers, elideCells, mergeOntoEllipses, type ElisionPolicy } from './elision';
import type { DiagramEdge, DiagramSpec, DiagramStep } from './types';

const STEPS: readonly DiagramStep[] = [
  { index: 0, label: 't−1' },
  { index: 1, label: 't' },
  { index: 2, label: 't+1' },
];

export const atStep = (id: string, step: number): string => `${id}@${step}`;

/** For `<desc>`: how the recurrent connections run between the steps' copies, chain by chain where they run both ways. */
function betweenSteps(graph: CellGraph, groupOf: ReadonlyMap<string, string>): string {
  const recurrent = graph.connections.filter(isDelayed);
  if (recurrent.length === 0) return 'no connection runs between steps: each input is processed on its own, with no memory of the last.';
  const groups = (delay: 1 | -1) => [...new Set(recurrent.filter((c) => (c.delay ?? 1) === delay).map((c) => groupOf.get(c.from)!))];
  const [forward, backward] = [groups(1), groups(-1)];
  if (backward.length === 0) return "each recurrent or carry connection runs from one step's copy to the next.";
  const along = forward.length > 0 ? `the delayed connections (recurrent weights, carried state) of ${forward.join(', ')} run forward in time, from each step's copy to the next (t−1 → t); ` : '';
  return `${along}those of ${backward.join(', ')} run backward in time, from each step's copy to the one before it (t+1 → t), so its cells at a step have seen every later input.`;
}

/**
 * Which attention connections read or write a store written step by step, at the step they are made:
 * a group whose cells carry their own state and have no recurrent weight (a Neural Turing Machine's
 * memory rows) is read and written as it is at that step. Any other attention read is of a sequence
 * of states (an encoder's) and reaches every step.
 */
export function storeReads(graph: CellGraph): (c: Pick<Connection, 'kind' | 'from' | 'to'>) => boolean {
  const groupOf = new Map(graph.cells.map((c) => [c.id, c.group]));
  const carried = new Set(graph.connections.filter((c) => c.kind === 'carry' && c.from === c.to).map((c) => groupOf.get(c.from)));
  const weighted = new Set(graph.connections.filter((c) => c.kind === 'recurrent').map((c) => groupOf.get(c.to)));
  const store = (cell: string) => carried.has(groupOf.get(cell)) && !weighted.has(groupOf.get(cell));
  return (c) => c.kind === 'attention' && (store(c.from) || store(c.to));
}

/**
 * Time laid out in space: one copy of the network per step, side by side. Connections within a step
 * are drawn per step (as one bundle where every pair is connected); each delayed connection (a recurrent
 * weight, a carried state) is drawn
 * from step k to step k+1 (from k+1 to k for a chain running backward in time, delay −1), so the
 * recurrence shows as wiring between copies instead of a loop; each attention connection from every
 * step to every step (a decoder step reads the memory at every source position, later ones included).
 * Large groups are elided in every copy as in the cells view (`policy`).
 */
export function unrolledView(graph: CellGraph, architecture: AnyArchitecture, policy: ElisionPolicy = DEFAULT_ELISION): DiagramSpec {
  const elision = elideCells(graph, policy);
  const drawn = (cell: string, step: number) => atStep(elision.drawnAs.get(cell)!, step);
  const groupOf = new Map(graph.cells.map((c) => [c.id, c.group]));
  const recurrentGroups = new Set(graph.connections.filter(isDelayed).map((c) => groupOf.get(c.from)));
  const sizeOf = new Map(graph.groups.map((g) => [g.id, g.size]));
  const readsStore = storeReads(graph);
  const attends = graph.connections.some((c) => c.kind === 'attention' && !readsStore(c) && !c.causal);
  const causal = graph.connections.some((c) => c.kind === 'attention' && c.causal);
  const edges: DiagramEdge[] = [];
  for (const step of STEPS) {
    for (const block of connectionBlocks(graph)) {
      if (isDelayed(block) || (block.kind === 'attention' && !block.connections.every(readsStore))) continue;
      const complete = block.connections.length === sizeOf.get(block.from)! * sizeOf.get(block.to)!;
      if (complete && uniformBlock(block.connections)) edges.push(bundleOf(atStep(block.from, step.index), atStep(block.to, step.index), block.connections[0]!));
      else
        for (const c of block.connections)
          edges.push({ ...c, from: drawn(c.from, step.index), to: drawn(c.to, step.index), bundle: false });
    }
  }
  // A forward chain's state at step k feeds step k+1; a backward chain's (delay −1) at step k+1 feeds step k.
  for (const step of STEPS.slice(1))
    for (const c of graph.connections) {
      if (!isDelayed(c)) continue;
      const [source, target] = c.delay === -1 ? [step.index, step.index - 1] : [step.index - 1, step.index];
      edges.push({ ...c, from: drawn(c.from, source), to: drawn(c.to, target), bundle: false });
    }
  // An attention connection reads the memory at every source position: step t's copy reads every step's;
  // a causally masked one only its own and earlier steps' (the later ones are no dependency).
  for (const to of STEPS)
    for (const from of STEPS)
      for (const c of graph.connections)
        if (c.kind === 'attention' && !readsStore(c) && !(c.causal && from.index > to.index))
          edges.push({ ...c, from: drawn(c.from, from.index), to: drawn(c.to, to.index), bundle: false });

  const elided = describeElision(elision);
  return {
    architecture: graph.architecture,
    view: 'unrolled',
    title: `${nameWithAbbreviation(architecture)}: unrolled over time`,
    description: `${describeGraph(graph, architecture.name, 'unrolled')} Shown for steps ${STEPS.map((s) => s.label).join(', ')}; ${betweenSteps(graph, groupOf)}${
      attends ? ' Each attention connection runs from its source cell at every step to its target cell at every step, earlier and later alike: each step reads the whole stored sequence.' : ''
    }${causal ? ' A causally masked attention read runs only from a step to itself and later steps: no step reads a later one.' : ''}${elided ? ` ${elided}` : ''}`,
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
