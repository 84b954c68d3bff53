import { isOneToOne } from '../graph/one-to-one';
import { isDelayed, isWeight, sameWeightBlock, weightCount, type CellGraph, type Connection, type ConnectionKind, type Group } from '../graph/types';
import { groupDigits } from './numbers';
import type { DiagramEdge } from './types';

const plural = (n: number, word: string) => `${groupDigits(n)} ${word}${n === 1 ? '' : 's'}`;

/** "fixed" / "trained" / "partly fixed" for a set of weights; "no weights" where none is one. */
export function trainability(connections: readonly Connection[]): string {
  const weights = connections.filter(isWeight);
  if (weights.length === 0) return 'no weights';
  const fixed = weights.filter((c) => c.trainable === false).length;
  if (fixed === 0) return 'trained';
  return fixed === weights.length ? 'fixed' : 'partly fixed';
}

/** Whether every connection of a block carries the same: flags, weight block, scaling. What a bundle needs. */
export const uniformBlock = (connections: readonly Connection[]): boolean =>
  connections.every(
    (c) => c.trainable === connections[0]!.trainable && c.directed === connections[0]!.directed && c.scaledBy === connections[0]!.scaledBy && sameWeightBlock(c, connections[0]!),
  );

/** One edge standing for every pair of two groups, carrying what each pair carries (`like`). */
export function bundleOf(from: string, to: string, like: Connection): DiagramEdge {
  const { kind, trainable, directed, weights, scaledBy } = like;
  return {
    from,
    to,
    bundle: true,
    kind,
    directed,
    ...(trainable === undefined ? {} : { trainable }),
    ...(weights ? { weights } : {}),
    ...(scaledBy ? { scaledBy } : {}),
  };
}

/**
 * Caption lines for the weightless dependencies into a group, by kind: what comes in, counted, with
 * no weight. Delayed ones (carry) are worded with the group's loops.
 */
const WEIGHTLESS_IN: Partial<Record<ConnectionKind, (n: number) => string>> = {
  attention: (n) => `+ ${plural(n, 'attention read')} in`,
  coefficient: (n) => `+ ${plural(n, 'coefficient')} in`,
  sample: (n) => `${plural(n, 'sample tie')} in`,
  data: (n) => `+ ${plural(n, 'real-data tie')} in`,
  residual: (n) => `+ ${plural(n, 'identity skip')} in`,
  copy: (n) => `weights copied from ${plural(n, 'cell')}`,
};

/**
 * "10 weights", "6 lines" for a gated cell's lines (each 1×n: its note says how many gate weights a
 * line carries), or for other matrix-valued connections "8 × (3×2) weights": the count of links and their blocks.
 */
function incomingWeights(into: readonly Connection[]): string {
  if (into.every(isGateLine)) return plural(into.length, 'line');
  const blocks = new Set(into.map((c) => (c.weights ? `${c.weights[0]}×${c.weights[1]}` : '')));
  const block = [...blocks][0];
  if (blocks.size === 1 && block) return `${groupDigits(into.length)} × (${block}) weights`;
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
  const into = graph.connections.filter((c) => inGroup.has(c.to) && !isDelayed(c));
  const incoming = incomingCaption(into.filter((c) => isWeight(c) || c.kind in READS));
  // Weightless dependencies in (reads, coefficients, samples, skips) are counted, never as weights.
  for (const [kind, line] of Object.entries(WEIGHTLESS_IN) as [ConnectionKind, (n: number) => string][]) {
    const n = into.filter((c) => c.kind === kind).length;
    if (n > 0) incoming.push(line(n));
  }
  // Delayed connections within the group are its own loops; those from another group (an NTM's read
  // vector into its controller, its previous memory into its write weighting) are counted as coming in.
  const within = (c: Connection) => inGroup.has(c.from) && inGroup.has(c.to);
  const carried = graph.connections.filter((c) => c.kind === 'carry' && within(c));
  const carry = carried.length > 0 ? [`+ state carried (${carried.every((c) => c.delay === -1) ? 't+1' : 't−1'})`] : [];
  const delayedIn = graph.connections.filter((c) => isDelayed(c) && !inGroup.has(c.from) && inGroup.has(c.to));
  const weightsIn = delayedIn.filter(isWeight);
  const statesIn = delayedIn.filter((c) => !isWeight(c));
  incoming.push(...(weightsIn.length > 0 ? [`+ ${incomingWeights(weightsIn)} in from t−1: ${trainability(weightsIn)}`] : []));
  incoming.push(...(statesIn.length > 0 ? [`+ ${plural(statesIn.length, 'state')} in from t−1`] : []));
  const loops = graph.connections.filter((c) => c.kind === 'recurrent' && within(c));
  if (loops.length === 0) return [cells, ...note, ...incoming, ...carry];
  const possible = group.size * group.size;
  const from = loops.every((c) => c.delay === -1) ? 't+1' : 't−1';
  // "all 9" says complete and "10 of 36" sparse; gate lines (1×n each) are counted as lines, as the group's note counts their weights.
  const unit = loops.every((c) => isGateLine(c)) ? `${from} lines` : `${from} weights`;
  const wiring = loops.length === possible ? `all ${groupDigits(possible)} ${unit}` : `${groupDigits(loops.length)} of ${groupDigits(possible)} ${unit}`;
  return [cells, ...note, ...incoming, `${wiring}: ${trainability(loops)}`, ...carry];
}

/** A gated cell's line: one weight per gate for one pair of cells (1×n), which the group's note explains ("each line: 4 gate weights"). */
const isGateLine = (c: Connection): boolean => c.weights !== undefined && c.weights[0] === 1;

/** Weightless reads counted where weights are ("8 pooling reads in", "no weights"), by kind. */
const READS: Readonly<Partial<Record<ConnectionKind, string>>> = { pool: 'pooling read', normalise: 'normalisation read' };

/**
 * What feeds a group, in words. Usually one weight per connection ("10 weights in: fixed"); a
 * convolution's connections share a few kernel weights, and a pooling window's or a normalisation's reads have none.
 */
function incomingCaption(into: readonly Connection[]): string[] {
  if (into.length === 0) return [];
  const shared = new Set(into.flatMap((c) => (c.weight ? [c.weight] : [])));
  if (shared.size > 0) return [`${plural(into.length, 'connection')} in`, `${plural(shared.size, 'shared weight')}: ${trainability(into)}`];
  const read = READS[into[0]!.kind];
  if (read && into.every((c) => c.kind === into[0]!.kind)) return [`${plural(into.length, read)} in`, 'no weights'];
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

/** What a weightless connection of each kind is, for `<desc>`. */
const WEIGHTLESS_MEANING: Readonly<Partial<Record<ConnectionKind, string>>> = {
  residual: 'an identity skip, added as it is',
  pool: 'a pooling window read, max or mean',
  normalise: 'a read of its position’s cells for their mean μ and spread σ, which normalise the target',
  attention: 'a read of the stored sequence at every source position, added or scaled by a value computed for each input',
  carry: 'the state itself, kept from one step to the next',
  coefficient: 'a value computed for each input that scales the reads into the target',
  sample: 'the target is drawn from a distribution whose parameters the sources hold',
  data: 'real data enters here in place of the network’s own values',
  copy: 'the target’s incoming weights are a copy, made every so many steps, of the source’s incoming weights',
};

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
    // Cell i to cell i: an identity skip, a carried state, a one-to-one read, sample or sparse tie.
    const aligned = isOneToOne(connections);
    const coverage = aligned && kind !== 'sparse' ? 'cell i to cell i' : connections.length === possible ? 'every pair' : `${groupDigits(connections.length)} of ${groupDigits(possible)} pairs${kind === 'sparse' && aligned ? ', one-to-one: cell i to cell i' : ''}`;
    const backward = isDelayed({ kind }) && connections.every((c) => c.delay === -1);
    const delay = isDelayed({ kind }) ? (backward ? ', from the next time step (t+1 → t)' : ', delayed one time step (t−1 → t)') : '';
    const block = connections[0]?.weights;
    const matrices = block ? `, each a ${block[0]}×${block[1]} weight matrix` : '';
    const scaled = connections[0]?.scaledBy ? `, each scaled by ${connections[0].scaledBy}, computed for each input` : '';
    const shared = new Set(connections.flatMap((c) => (c.weight ? [c.weight] : []))).size;
    const sharing = shared > 0 ? `, sharing ${plural(shared, 'weight')}` : '';
    const what = isWeight({ kind }) ? trainability(connections) : `no weight: ${WEIGHTLESS_MEANING[kind]}`;
    return `${from} → ${to}: ${plural(connections.length, `${kind} connection`)} (${coverage}${delay}${matrices}${scaled}${sharing}), ${what}`;
  });
  const recurrent = graph.connections.some(isDelayed);
  return [
    `${name}, ${view} view.`,
    `${plural(graph.groups.length, 'group')}: ${groups}.`,
    `Connections: ${blocks.join('; ')}.`,
    recurrent ? 'The network is recurrent.' : 'The network has no recurrence: every connection feeds forward.',
  ].join(' ');
}
