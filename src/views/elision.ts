import { cellId, type CellGraph, type Group } from '../graph/types';
import { groupDigits } from './numbers';
import type { DiagramEdge, ElidedRange } from './types';

/**
 * When a group is drawn in part. A 50-cell layer drawn cell by cell is a solid block of lines, so a
 * group of more than `over` cells shows its first `head` cells, an ellipsis (⋮) standing for all but
 * the last `tail`, and those last ones: 0, 1, 2, ⋮, 49 — the notation of textbook figures.
 */
export interface ElisionPolicy {
  /** Groups of at most this many cells are drawn whole. */
  readonly over: number;
  /** Cells drawn before the ellipsis. */
  readonly head: number;
  /** Cells drawn after it. */
  readonly tail: number;
  /**
   * Groups drawn by a policy of their own (over, head and tail; group id → policy), where a drawing
   * must elide some groups more tightly than the rest. Absent: every group by the policy above.
   */
  readonly groups?: ReadonlyMap<string, GroupElisionPolicy>;
}

/** One group's elision: an ElisionPolicy without per-group exceptions. */
export type GroupElisionPolicy = Omit<ElisionPolicy, 'groups'>;

/**
 * 12 cells: every diagram configuration has at most 6 per group, and a 12-cell column (about 560 px)
 * with a dense 12×12 fan of 144 lines is still read line by line; past that the lines merge into a
 * block. 3 + 1: the first cells show the pattern, the last one shows where the indices end.
 */
export const DEFAULT_ELISION: ElisionPolicy = { over: 12, head: 3, tail: 1 };

/** Drawing every cell, however many: for measuring the renderer, never for a committed diagram. */
export const NO_ELISION: ElisionPolicy = { over: Infinity, head: 1, tail: 0 };

function checkPolicy(policy: ElisionPolicy): void {
  checkGroupPolicy(policy);
  for (const [group, own] of policy.groups ?? []) {
    try {
      checkGroupPolicy(own);
    } catch (error) {
      throw new Error(`${(error as Error).message} (for group ${group})`);
    }
  }
}

function checkGroupPolicy(policy: GroupElisionPolicy): void {
  const problems: string[] = [];
  if (!(Number.isInteger(policy.head) && policy.head >= 1)) problems.push(`expected head to be a positive integer, but got ${policy.head}`);
  if (!(Number.isInteger(policy.tail) && policy.tail >= 0)) problems.push(`expected tail to be a non-negative integer, but got ${policy.tail}`);
  // An ellipsis then always stands for at least two cells: one cell would be shorter drawn than elided.
  const least = policy.head + policy.tail + 1;
  if (!((Number.isInteger(policy.over) || policy.over === Infinity) && policy.over >= least))
    problems.push(`expected over to be an integer of at least head + tail + 1 = ${least}, but got ${policy.over}`);
  if (problems.length > 0) throw new Error(`invalid elision policy: ${problems.join('; ')}`);
}

/** One group as drawn: the indices of its drawn cells before and after the ellipsis, if it has one. */
export interface GroupElision {
  readonly group: Group;
  readonly head: readonly number[];
  readonly tail: readonly number[];
  readonly elided?: ElidedRange;
}

const indices = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

function elideGroup(group: Group, policy: GroupElisionPolicy): GroupElision {
  // A lattice is drawn whole: its grid is the point (who neighbours whom), it stays compact, and its
  // connections are bundles already.
  if (group.size <= policy.over || group.lattice) return { group, head: indices(0, group.size), tail: [] };
  const first = policy.head;
  const last = group.size - policy.tail - 1;
  return { group, head: indices(0, first), tail: indices(last + 1, group.size), elided: { first, last } };
}

/** An ellipsis is named after the cells it stands for: `reservoir.3-198` is reservoir.3 … reservoir.198. */
export const ellipsisId = (group: string, { first, last }: ElidedRange): string => `${group}.${first}-${last}`;

/** What a group draws, in order: its head cells, the ellipsis, its tail cells. */
export function drawnMembers({ group, head, tail, elided }: GroupElision): { readonly id: string; readonly elided?: ElidedRange }[] {
  const cell = (index: number) => ({ id: cellId(group.id, index) });
  return [...head.map(cell), ...(elided ? [{ id: ellipsisId(group.id, elided), elided }] : []), ...tail.map(cell)];
}

/** A graph's cells as drawn. */
export interface CellElision {
  readonly groups: readonly GroupElision[];
  /** Cell id → the id of the node drawn for it: the cell itself, or its group's ellipsis. */
  readonly drawnAs: ReadonlyMap<string, string>;
  readonly ellipses: ReadonlySet<string>;
}

export function elideCells(graph: CellGraph, policy: ElisionPolicy): CellElision {
  checkPolicy(policy);
  const groups = graph.groups.map((g) => elideGroup(g, policy.groups?.get(g.id) ?? policy));
  const elidedRange = new Map(groups.flatMap((e) => (e.elided ? [[e.group.id, e.elided] as const] : [])));
  const drawnAs = new Map<string, string>();
  for (const cell of graph.cells) {
    const range = elidedRange.get(cell.group);
    const inside = range !== undefined && cell.index >= range.first && cell.index <= range.last;
    drawnAs.set(cell.id, inside ? ellipsisId(cell.group, range) : cell.id);
  }
  return { groups, drawnAs, ellipses: new Set([...elidedRange].map(([group, range]) => ellipsisId(group, range))) };
}

/**
 * Edges whose ends are drawn nodes, merged where an end is an ellipsis: one edge per (from, to, kind,
 * flags, time direction), counting the connections it stands for. Edges between two drawn cells are left as they are,
 * so a diagram without ellipses is drawn exactly as before. Order: that of each edge's first connection.
 */
export function mergeOntoEllipses(edges: readonly DiagramEdge[], ellipses: ReadonlySet<string>): DiagramEdge[] {
  const counts = new Map<string, number>();
  const order: (DiagramEdge | string)[] = [];
  const first = new Map<string, DiagramEdge>();
  for (const edge of edges) {
    if (edge.bundle || (!ellipses.has(edge.from) && !ellipses.has(edge.to))) {
      order.push(edge);
      continue;
    }
    const key = `${edge.from}|${edge.to}|${edge.kind}|${edge.trainable}|${edge.directed}|${edge.weights?.join('×') ?? ''}|${edge.delay ?? 1}|${edge.scaledBy ?? ''}`;
    if (!counts.has(key)) {
      order.push(key);
      first.set(key, edge);
    }
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return order.map((item) => (typeof item === 'string' ? { ...first.get(item)!, count: counts.get(item)! } : item));
}

const span = (cells: readonly number[]): string =>
  cells.length === 1 ? `${cells[0]}` : `${cells[0]}–${cells.at(-1)}`;

/** For `<desc>`: which cells of each large group are drawn and what the ellipsis stands for. Empty when nothing is elided. */
export function describeElision(elision: CellElision): string {
  const parts = elision.groups.flatMap(({ group, head, tail, elided }) => {
    if (!elided) return [];
    const shown = tail.length > 0 ? `${span(head)} and ${span(tail)}` : span(head);
    return [`${group.label} shows cells ${shown}, and ⋮ stands for the other ${groupDigits(elided.last - elided.first + 1)} (${elided.first}–${elided.last})`];
  });
  return parts.length > 0 ? `Large groups are drawn in part: ${parts.join('; ')}.` : '';
}
