import { isOneToOne } from '../graph/one-to-one';
import { weightCount, type CellGraph, type Connection, type Group } from '../graph/types';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "fixed" / "trained" / "partly fixed" for a set of connections. */
export function trainability(connections: readonly Connection[]): string {
  const fixed = connections.filter((c) => !c.trainable).length;
  if (fixed === 0) return 'trained';
  return fixed === connections.length ? 'fixed' : 'partly fixed';
}

/**
 * "10 weights", "6 lines" for a gated cell's lines (each 1×n: its note says how many gate weights a
 * line carries), or for other matrix-valued connections "8 × (3×2) weights": the count of links and their blocks.
 */
function incomingWeights(into: readonly Connection[]): string {
  if (into.every(isGateLine)) return plural(into.length, 'line');
  const blocks = new Set(into.map((c) => (c.weights ? `${c.weights[0]}×${c.weights[1]}` : '')));
  const block = [...blocks][0];
  if (blocks.size === 1 && block) return `${into.length} × (${block}) weights`;
  return plural(into.reduce((sum, c) => sum + weightCount(c), 0), 'weight');
}

/**
 * A group's caption lines: its cells (and what they compute, where the type does not say it), the
 * weights coming in, identity skips coming in, and its recurrent wiring when it has any.
 */
export function groupCaption(graph: CellGraph, group: Group): string[] {
  const cells = plural(group.size, `${group.cellType} cell`);
  const note = [...(group.lattice ? [`${group.lattice.rows}×${group.lattice.columns} lattice`] : []), ...(group.notes ?? [])];
  const inGroup = new Set(graph.cells.filter((c) => c.group === group.id).map((c) => c.id));
  const into = graph.connections.filter((c) => c.kind !== 'recurrent' && c.kind !== 'residual' && c.kind !== 'attention' && inGroup.has(c.to));
  const incoming = incomingCaption(into);
  // An attention connection is a read of the memory, whose weight (1, or α) no training sets: not a weight in.
  const reads = graph.connections.filter((c) => c.kind === 'attention' && inGroup.has(c.to)).length;
  if (reads > 0) incoming.push(`+ ${plural(reads, 'attention read')} in`);
  const skips = graph.connections.filter((c) => c.kind === 'residual' && inGroup.has(c.to));
  const skipped = skips.length > 0 ? [`+ ${plural(skips.length, 'identity skip')} in`] : [];
  const loops = graph.connections.filter((c) => c.kind === 'recurrent' && inGroup.has(c.from));
  if (loops.length === 0) return [cells, ...note, ...incoming, ...skipped];
  const possible = group.size * group.size;
  const from = loops.every((c) => c.delay === -1) ? 't+1' : 't−1';
  // "all 9" says complete and "10 of 36" sparse; gate lines (1×n each) are counted as lines, as the group's note counts their weights.
  const unit = loops.every((c) => isGateLine(c)) ? `${from} lines` : `${from} weights`;
  const wiring = loops.length === possible ? `all ${possible} ${unit}` : `${loops.length} of ${possible} ${unit}`;
  return [cells, ...note, ...incoming, ...skipped, `${wiring}: ${trainability(loops)}`];
}

/** A gated cell's line: one weight per gate for one pair of cells (1×n), which the group's note explains ("each line: 4 gate weights"). */
const isGateLine = (c: Connection): boolean => c.weights !== undefined && c.weights[0] === 1;

/**
 * What feeds a group, in words. Usually one weight per connection ("10 weights in: fixed"); a
 * convolution's connections share a few kernel weights, and a pooling window's have none.
 */
function incomingCaption(into: readonly Connection[]): string[] {
  if (into.length === 0) return [];
  const shared = new Set(into.flatMap((c) => (c.weight ? [c.weight] : [])));
  if (shared.size > 0) return [`${plural(into.length, 'connection')} in`, `${plural(shared.size, 'shared weight')}: ${trainability(into)}`];
  if (into.every((c) => c.kind === 'local' && !c.trainable)) return [`${plural(into.length, 'connection')} in`, 'fixed, no weights'];
  return [`${incomingWeights(into)} in: ${trainability(into)}`];
}

/** Connections grouped by (source group, target group, kind), in first-seen order. */
export function connectionBlocks(graph: CellGraph): { from: string; to: string; kind: Connection['kind']; connections: Connection[] }[] {
  const groupOf = new Map(graph.cells.map((c) => [c.id, c.group]));
  const blocks = new Map<string, { from: string; to: string; kind: Connection['kind']; connections: Connection[] }>();
  for (const c of graph.connections) {
    const from = groupOf.get(c.from)!;
    const to = groupOf.get(c.to)!;
    const key = `${from}|${to}|${c.kind}`;
    const block = blocks.get(key) ?? { from, to, kind: c.kind, connections: [] };
    block.connections.push(c);
    blocks.set(key, block);
  }
  return [...blocks.values()];
}

/** The structure in words, for `<desc>`: groups and sizes, then each block of connections. */
export function describeGraph(graph: CellGraph, name: string, view: string): string {
  const sizeOf = new Map(graph.groups.map((g) => [g.id, g.size]));
  const groups = graph.groups
    .map((g) => {
      const arrangement = g.lattice ? `, on a ${g.lattice.rows}×${g.lattice.columns} lattice whose neighbourhood is no weight` : '';
      const notes = (g.notes ?? []).map((n) => `, ${n}`).join('');
      return `${g.label} (${plural(g.size, `${g.cellType} cell`)}${notes}${arrangement})`;
    })
    .join(', ');
  const blocks = connectionBlocks(graph).map(({ from, to, kind, connections }) => {
    const possible = sizeOf.get(from)! * sizeOf.get(to)!;
    // Cell i to cell i: an identity skip, a one-to-one attention read or sparse tie.
    const aligned = isOneToOne(connections);
    const coverage =
      kind === 'residual' && aligned
        ? 'identity: cell i to cell i, weight 1'
        : kind === 'attention' && aligned
          ? 'cell i to cell i'
          : connections.length === possible
            ? 'every pair'
            : `${connections.length} of ${possible} pairs${kind === 'sparse' && aligned ? ', one-to-one: cell i to cell i' : ''}`;
    const backward = kind === 'recurrent' && connections.every((c) => c.delay === -1);
    const delay =
      kind === 'recurrent'
        ? backward
          ? ', from the next time step (t+1 → t)'
          : ', delayed one time step (t−1 → t)'
        : kind === 'attention'
          ? ', each read at every source position with a weight no training sets'
          : '';
    const block = connections[0]?.weights;
    const matrices = block ? `, each a ${block[0]}×${block[1]} weight matrix` : '';
    const shared = new Set(connections.flatMap((c) => (c.weight ? [c.weight] : []))).size;
    const sharing = shared > 0 ? `, sharing ${plural(shared, 'weight')}` : kind === 'local' && trainability(connections) === 'fixed' ? ', with no weights' : '';
    return `${from} → ${to}: ${plural(connections.length, `${kind} connection`)} (${coverage}${delay}${matrices}${sharing}), ${trainability(connections)}`;
  });
  const recurrent = graph.connections.some((c) => c.kind === 'recurrent');
  return [
    `${name}, ${view} view.`,
    `${plural(graph.groups.length, 'group')}: ${groups}.`,
    `Connections: ${blocks.join('; ')}.`,
    recurrent ? 'The network is recurrent.' : 'The network has no recurrence: every connection feeds forward.',
  ].join(' ');
}
