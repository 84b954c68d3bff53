import type { ElkNode } from 'elkjs/lib/elk-api';
import { describe, expect, it } from 'vitest';
import { layoutBottomUp } from '../../src/layout/bottom-up';
import { layoutWithElk } from '../../src/layout/elk-engine';

/** `steps` copies of a small layered network, chained left to right, as the unrolled view builds them. */
function unrolled(steps: number, gap: number, padding: number, sizes: readonly [number, number][]): ElkNode {
  const step = (k: number): ElkNode => ({
    id: `step:${k}`,
    layoutOptions: { 'elk.algorithm': 'layered', 'elk.direction': 'UP', 'elk.padding': '[top=33,left=12,bottom=12,right=12]' },
    children: sizes.map(([width, height], i) => ({ id: `g${i}@${k}`, width, height })),
    edges: sizes.slice(1).map((_, i) => ({ id: `e${i}@${k}`, sources: [`g${i}@${k}`], targets: [`g${i + 1}@${k}`] })),
  });
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': String(gap),
      'elk.padding': `[top=${padding},left=${padding},bottom=${padding},right=${padding}]`,
    },
    children: Array.from({ length: steps }, (_, k) => step(k)),
    edges: Array.from({ length: steps - 1 }, (_, k) => ({ id: `time:${k + 1}`, sources: [`step:${k}`], targets: [`step:${k + 1}`] })),
  };
}

/** Every node's box, relative to its parent, by id. */
function boxes(node: ElkNode, out = new Map<string, string>()): Map<string, string> {
  out.set(node.id, [node.x ?? 0, node.y ?? 0, node.width, node.height].map((v) => Math.round((v ?? 0) * 1000) / 1000).join(' '));
  for (const child of node.children ?? []) boxes(child, out);
  return out;
}

describe('layoutBottomUp', () => {
  it.each([
    [3, 70, 20, [[60, 40], [80, 120], [60, 40]]],
    [2, 50, 8, [[30, 30], [90, 60]]],
    [4, 70, 20, [[120, 46], [46, 164], [46, 164], [70, 46]]],
  ] as const)('places %i copies (gap %i, padding %i) exactly where ELK laying out the whole compound graph does', (steps, gap, padding, sizes) => {
    const graph = unrolled(steps, gap, padding, sizes as unknown as [number, number][]);
    expect(boxes(layoutBottomUp(structuredClone(graph)))).toEqual(boxes(layoutWithElk(structuredClone(graph))));
  });

  it('still asks ELK when the copies differ in size, and agrees with it', () => {
    const graph = unrolled(3, 70, 20, [[60, 40], [80, 120]]);
    graph.children![1]!.children![0]!.width = 140;
    expect(boxes(layoutBottomUp(structuredClone(graph)))).toEqual(boxes(layoutWithElk(structuredClone(graph))));
  });
});
