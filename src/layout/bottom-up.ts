import type { ElkNode } from 'elkjs/lib/elk-api';
import { layoutWithElk } from './elk-engine';

/**
 * Lays out a compound graph the way ELK's default (`elk.hierarchyHandling: SEPARATE_CHILDREN`) does —
 * each compound child on its own first, then its parent with the children as boxes of their computed
 * size — but lays out once the children that are copies of one structure (the steps of an unrolled
 * view: the same network three times), and reuses the result for the others. Only node boxes are
 * read back (edges are routed by src/layout/edges.ts), so a copy needs nothing but its nodes' boxes.
 */
export function layoutBottomUp(root: ElkNode): ElkNode {
  const byStructure = new Map<string, ElkNode>();
  const children = (root.children ?? []).map((child) => {
    if (!child.children?.length) return child;
    const key = structureKey(child);
    let laidOut = byStructure.get(key);
    if (!laidOut) {
      laidOut = layoutBottomUp(child);
      byStructure.set(key, laidOut);
    }
    return withBoxesOf(child, laidOut);
  });
  const leaves = children.map(({ id, width, height, layoutOptions, ports }) => ({ id, width, height, layoutOptions, ports }));
  const boxes = copiesInARow(root, leaves) ?? layoutWithElk({ ...root, children: leaves });
  return {
    ...boxes,
    children: children.map((child, i) => ({ ...child, x: boxes.children![i]!.x, y: boxes.children![i]!.y })),
  };
}

/** The graph with every id replaced by the order it first appears in: equal for copies of one structure. */
function structureKey(node: ElkNode): string {
  const order = new Map<string, number>();
  const rename = (id: string): number => {
    if (!order.has(id)) order.set(id, order.size);
    return order.get(id)!;
  };
  return JSON.stringify(node, (key, value: unknown) =>
    key === 'id' ? rename(value as string) : key === 'sources' || key === 'targets' ? (value as string[]).map(rename) : value,
  );
}

/** `copy` with the size of `laidOut` and, node for node in the same order, the positions of its nodes. */
function withBoxesOf(copy: ElkNode, laidOut: ElkNode): ElkNode {
  return {
    ...copy,
    width: laidOut.width,
    height: laidOut.height,
    children: (copy.children ?? []).map((child, i) => {
      const source = laidOut.children![i]!;
      return { ...withBoxesOf(child, source), x: source.x, y: source.y };
    }),
  };
}

/**
 * Where a layered layout has nothing to decide: copies of one box (equal sizes), each joined to the
 * next by one edge and by nothing else, flowing right — the steps of an unrolled view. Layered layout
 * puts them on one row, a layer each, `nodeNodeBetweenLayers` apart inside the padding; we place them
 * so directly (tests/layout/bottom-up.test.ts checks it against ELK) and save an ELK run per diagram.
 */
function copiesInARow(root: ElkNode, leaves: readonly ElkNode[]): ElkNode | undefined {
  const options = root.layoutOptions ?? {};
  const [first] = leaves;
  const edges = root.edges ?? [];
  const chain =
    edges.length === leaves.length - 1 &&
    edges.every((e, i) => e.sources.length === 1 && e.targets.length === 1 && e.sources[0] === leaves[i]!.id && e.targets[0] === leaves[i + 1]!.id);
  const equal = leaves.every((l) => l.width === first?.width && l.height === first?.height && !l.ports?.length);
  const padding = /^\[top=(\d+),left=(\d+),bottom=(\d+),right=(\d+)\]$/.exec(options['elk.padding'] ?? '');
  const gap = Number(options['elk.layered.spacing.nodeNodeBetweenLayers']);
  if (!first || !chain || !equal || options['elk.direction'] !== 'RIGHT' || !padding || !Number.isFinite(gap)) return undefined;
  const [top, left, bottom, right] = padding.slice(1).map(Number) as [number, number, number, number];
  const [width, height] = [first.width ?? 0, first.height ?? 0];
  return {
    ...root,
    width: left + leaves.length * width + (leaves.length - 1) * gap + right,
    height: top + height + bottom,
    children: leaves.map((leaf, i) => ({ ...leaf, x: left + i * (width + gap), y: top })),
  };
}
