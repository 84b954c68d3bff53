import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { traceModel } from '../../src/graph/trace';
import { twoSpirals } from '../../src/network/datasets';
import drn, { depthOf, trainClassifier } from '../../src/zoo/deep-residual-network';
import { parseSvg } from '../support/svg-metadata';

describe('deep-residual-network', () => {
  it('trains where the plain network of the same depth does not: 20 layers on two spirals, same start, same optimiser', async () => {
    const { inputs, labels } = twoSpirals({ count: 200, noise: 0.1, seed: 1 });
    const config = drn.configs.demo!;
    expect(depthOf(config.blocks)).toBe(20);
    const options = { epochs: 100, learningRate: 0.01 };
    const curves = {} as Record<'plain' | 'residual', Awaited<ReturnType<typeof trainClassifier>>>;
    for (const skips of [false, true]) {
      const model = drn.build({ ...config, skips });
      curves[skips ? 'residual' : 'plain'] = await trainClassifier(model, inputs, labels, options);
      model.dispose();
    }
    const { plain, residual } = curves;
    // The plain network's signal fades through 20 ReLU layers: it barely leaves chance (ln 2 ≈ 0.69).
    expect(plain.loss.at(-1)!).toBeGreaterThan(0.6);
    expect(plain.accuracy).toBeLessThan(0.7);
    // The residual one learns the spirals, and is ahead at every checkpoint along the way.
    expect(residual.loss.at(-1)!).toBeLessThan(0.3);
    expect(residual.accuracy).toBeGreaterThan(0.9);
    for (const epoch of [25, 50, 75, 99]) expect(residual.loss[epoch]!, `epoch ${epoch + 1}`).toBeLessThan(plain.loss[epoch]!);
  }, 180_000);

  it('traces each identity skip as one fixed residual connection per cell, i → i, and nothing more', () => {
    const config = drn.configs.diagram;
    const withSkips = traceModel(drn.build(config), 'deep-residual-network');
    const plain = traceModel(drn.build({ ...config, skips: false }), 'deep-plain-network');
    const residual = withSkips.connections.filter((c) => c.kind === 'residual');
    expect(residual.map((c) => `${c.from} → ${c.to}`)).toEqual([
      ...[0, 1, 2].map((i) => `stem.${i} → block-1-b.${i}`),
      ...[0, 1, 2].map((i) => `block-1-b.${i} → block-2-b.${i}`),
    ]);
    expect(residual.every((c) => !c.trainable && c.directed)).toBe(true);
    // Take the skips away and the rest is the plain network, weight for weight.
    expect(withSkips.connections.filter((c) => c.kind !== 'residual')).toEqual(plain.connections);
    expect(withSkips.groups).toEqual(plain.groups);
  });

  it('draws every skip around the cells of the layer it jumps, never through one', () => {
    const svg = parseSvg(readFileSync(new URL('../../diagrams/deep-residual-network.cells.svg', import.meta.url), 'utf8'));
    const centres = new Map(
      svg.nodes.map((n) => {
        const [x, y] = /matrix\(1,0,0,1,([-\d.]+),([-\d.]+)\)/.exec(n.attributes.transform!)!.slice(1).map(Number);
        return [n.attributes['data-node']!, { x: x!, y: y! }];
      }),
    );
    const skips = svg.edges.filter((e) => e.attributes['data-kind'] === 'residual');
    expect(skips).toHaveLength(6);
    for (const skip of skips) {
      const points = [...skip.attributes.d!.matchAll(/[ML]([-\d.]+) ([-\d.]+)/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
      expect(points.length, 'a bend in the middle').toBeGreaterThanOrEqual(3);
      for (const [id, c] of centres) {
        if (id === skip.attributes['data-from'] || id === skip.attributes['data-to']) continue;
        for (let k = 1; k < points.length; k++) {
          const [a, b] = [points[k - 1]!, points[k]!];
          const t = Math.max(0, Math.min(1, ((c.x - a.x) * (b.x - a.x) + (c.y - a.y) * (b.y - a.y)) / ((b.x - a.x) ** 2 + (b.y - a.y) ** 2)));
          const gap = Math.hypot(a.x + t * (b.x - a.x) - c.x, a.y + t * (b.y - a.y) - c.y);
          expect(gap, `${skip.attributes['data-from']} → ${skip.attributes['data-to']} passes ${id}`).toBeGreaterThan(14 + 2);
        }
      }
    }
  });
});
