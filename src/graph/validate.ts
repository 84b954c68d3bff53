import { CELL_TYPES, CONNECTION_KINDS, isDelayed, isWeight, type CellGraph } from './types';

/** All problems of a graph, reported together so a broken definition is fixed in one pass. */
export class GraphError extends Error {
  constructor(
    readonly architecture: string,
    readonly problems: readonly string[],
  ) {
    super(`invalid graph for "${architecture}":\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'GraphError';
  }
}

const cellTypes: ReadonlySet<string> = new Set(CELL_TYPES);
const kinds: ReadonlySet<string> = new Set(CONNECTION_KINDS);

/** Returns the problems found; an empty list means the graph is sound. */
export function graphProblems(graph: CellGraph): string[] {
  const problems: string[] = [];
  const groupIds = new Set<string>();
  for (const group of graph.groups) {
    if (groupIds.has(group.id)) problems.push(`duplicate group: "${group.id}"`);
    groupIds.add(group.id);
    if (!cellTypes.has(group.cellType)) problems.push(`group "${group.id}": invalid cell type: "${group.cellType}"`);
    if (!Number.isInteger(group.size) || group.size < 1)
      problems.push(`group "${group.id}": expected size to be a positive integer, but got ${group.size}`);
  }

  const cellIds = new Set<string>();
  const members = new Map<string, number>();
  for (const cell of graph.cells) {
    members.set(cell.group, (members.get(cell.group) ?? 0) + 1);
    if (cellIds.has(cell.id)) problems.push(`duplicate cell: "${cell.id}"`);
    cellIds.add(cell.id);
    if (!groupIds.has(cell.group)) problems.push(`cell "${cell.id}": missing group: "${cell.group}"`);
    if (!cellTypes.has(cell.type)) problems.push(`cell "${cell.id}": invalid cell type: "${cell.type}"`);
  }
  for (const group of graph.groups) {
    const count = members.get(group.id) ?? 0;
    if (count !== group.size) problems.push(`group "${group.id}": declares ${group.size} cells but has ${count}`);
  }

  const seen = new Set<string>();
  graph.connections.forEach((c, i) => {
    const where = `connection ${i} (${c.from} → ${c.to})`;
    if (!cellIds.has(c.from)) problems.push(`${where}: missing cell: "${c.from}"`);
    if (!cellIds.has(c.to)) problems.push(`${where}: missing cell: "${c.to}"`);
    if (!kinds.has(c.kind)) problems.push(`${where}: invalid kind: "${c.kind}"`);
    if (isDelayed(c) && !c.directed) problems.push(`${where}: a ${c.kind} connection must be directed`);
    if (c.delay !== undefined && (!isDelayed(c) || c.delay !== -1))
      problems.push(`${where}: expected delay only on a recurrent or carry connection, and only -1 (t+1 → t), but got ${c.delay} on ${c.kind}`);
    if (kinds.has(c.kind) && isWeight(c) !== (typeof c.trainable === 'boolean'))
      problems.push(
        isWeight(c)
          ? `${where}: expected trainable (true or false) on a ${c.kind} connection, which is a weight, but got ${c.trainable}`
          : `${where}: expected no trainable flag on a ${c.kind} connection, which has no weight, but got ${c.trainable}`,
      );
    // One mid-line mark per line: ◇ for a fixed weight, ⊗ for one scaled per input; never both.
    if (c.scaledBy !== undefined && c.trainable === false) problems.push(`${where}: a fixed weight cannot also be scaled by "${c.scaledBy}" (one mark per line)`);
    const key = `${c.from}|${c.to}|${c.kind}`;
    if (seen.has(key)) problems.push(`${where}: duplicate connection`);
    seen.add(key);
  });

  const cycle = findInstantaneousCycle(graph);
  if (cycle) problems.push(`cycle without time delay: ${cycle.join(' → ')}`);
  return problems;
}

export function validateGraph(graph: CellGraph): CellGraph {
  const problems = graphProblems(graph);
  if (problems.length > 0) throw new GraphError(graph.architecture, problems);
  return graph;
}

/**
 * Directed, non-delayed connections must form a DAG: a cycle there would be a network that cannot be
 * evaluated. Delayed (recurrent, carry) and undirected (symmetric) connections are exempt by definition.
 */
function findInstantaneousCycle(graph: CellGraph): string[] | undefined {
  const next = new Map<string, string[]>();
  for (const c of graph.connections) {
    if (isDelayed(c) || !c.directed) continue;
    const list = next.get(c.from) ?? [];
    list.push(c.to);
    next.set(c.from, list);
  }
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'open') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'open');
    path.push(id);
    for (const to of next.get(id) ?? []) {
      const found = visit(to);
      if (found) return found;
    }
    path.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const cell of graph.cells) {
    const found = visit(cell.id);
    if (found) return found;
  }
  return undefined;
}
