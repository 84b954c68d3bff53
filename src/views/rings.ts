import { isDelayed, type CellGraph } from '../graph/types';

/**
 * Which groups are drawn on a ring, and which ring: groups whose cells are joined to each other by
 * undirected connections that are not delayed (a Hopfield network's symmetric weights, a Boltzmann
 * machine's within-group weights). Straight lines between the cells of a column would run through the
 * cells between them; between cells on a circle every chord passes no other cell
 * (src/layout/ring.ts). Two such groups joined to each other by undirected, non-delayed connections
 * (a Boltzmann machine's visible and hidden units) share one ring, each on its own arc, so the
 * connections between them are chords of the same circle. A ring holds at most two groups (left and
 * right arcs, each under its own label): where more are joined, each keeps a ring of its own.
 * Returns group id → ring id (the id of the ring's first group, in graph order).
 */
export function ringsOf(graph: CellGraph): Map<string, string> {
  const groupOf = new Map(graph.cells.map((c) => [c.id, c.group]));
  const symmetric = graph.connections.filter((c) => !c.directed && !isDelayed(c));
  const ringed = new Set(symmetric.filter((c) => c.from !== c.to && groupOf.get(c.from) === groupOf.get(c.to)).map((c) => groupOf.get(c.from)!));
  const joined = new Map<string, Set<string>>();
  for (const c of symmetric) {
    const [a, b] = [groupOf.get(c.from)!, groupOf.get(c.to)!];
    if (a === b || !ringed.has(a) || !ringed.has(b)) continue;
    joined.set(a, (joined.get(a) ?? new Set()).add(b));
    joined.set(b, (joined.get(b) ?? new Set()).add(a));
  }
  const ring = new Map<string, string>();
  for (const g of graph.groups) {
    if (!ringed.has(g.id) || ring.has(g.id)) continue;
    ring.set(g.id, g.id);
    const partners = [...(joined.get(g.id) ?? [])];
    // Exactly one partner, and that partner joined to nothing else: the two share this ring.
    if (partners.length === 1 && joined.get(partners[0]!)!.size === 1 && !ring.has(partners[0]!)) ring.set(partners[0]!, g.id);
  }
  return ring;
}
