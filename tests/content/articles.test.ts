import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registry } from '../../src/architecture/registry.vite';
import { sidebarOrder } from '../../src/architecture/sidebar-order';
import { isCellGraphView, traceArchitecture } from '../../src/pipeline';

const articleDir = new URL('../../content/architectures/', import.meta.url);
const demoDir = new URL('../../src/demos/architectures/', import.meta.url);
const read = (id: string) => readFileSync(new URL(`${id}.mdx`, articleDir), 'utf8');

describe('articles', () => {
  it('exist, one per registered architecture and no other', () => {
    const articles = readdirSync(articleDir).filter((f) => f.endsWith('.mdx')).map((f) => f.replace(/\.mdx$/, '')).sort();
    expect(articles).toEqual(registry.architectures.map((a) => a.id));
  });

  describe.each(registry.architectures.map((a) => [a.id, a] as const))('%s', (id, architecture) => {
    const text = read(id);
    // Only an architecture drawn cell by cell has connections to count (a layers-only one is built, not traced).
    const traced = architecture.views.some(isCellGraphView);

    it('names its architecture in the frontmatter and embeds every one of its diagrams', () => {
      expect(text).toMatch(new RegExp(`^---[\\s\\S]*\\narchitecture: ${id}\\n[\\s\\S]*?---`));
      for (const view of architecture.views) expect(text).toContain(`<Diagram id="${id}" view="${view}"`);
    });

    it('stands in the sidebar with its family, in the home page order, by year (frontmatter sidebar.order)', () => {
      const order = /\nsidebar:\n {2}order: (\d+)\n/.exec(text)?.[1];
      expect(Number(order), `content/architectures/${id}.mdx: sidebar.order`).toBe(sidebarOrder(architecture, registry.architectures));
    });

    it('embeds a demo exactly when the architecture has one', () => {
      const hasDemo = readdirSync(demoDir).includes(`${id}.ts`);
      expect(text.includes(`<Demo id="${id}" />`)).toBe(hasDemo);
    });

    it.runIf(traced)('quotes connection counts that agree with the network (so prose cannot drift from a reseeded diagram)', () => {
      const graph = traceArchitecture(architecture);
      // Counts of lines; "F fixed and T trained" counts weights' lines only (weightless ones are neither).
      const fixed = graph.connections.filter((c) => c.trainable === false).length;
      const trained = graph.connections.filter((c) => c.trainable === true).length;
      const claims = [...text.matchAll(/(?:makes|is) (\d+) (?:drawn )?connections(?:,\s+(\d+) fixed\s+and (\d+) trained)?/g)];
      expect(claims.length, 'the article states how many connections are drawn').toBeGreaterThan(0);
      for (const [claim, total, f, t] of claims) {
        expect(Number(total), claim).toBe(graph.connections.length);
        if (f !== undefined) expect([Number(f), Number(t)], claim).toEqual([fixed, trained]);
      }
      const recurrent = graph.connections.filter((c) => c.kind === 'recurrent').length;
      const units = graph.groups.find((g) => g.cellType === 'recurrent')?.size ?? 0;
      for (const [claim, drawn, possible] of text.matchAll(/(?<!about )\b(\d+) of (\d+)(?:\*\*| t−1 weights)/g))
        expect([Number(drawn), Number(possible)], claim).toEqual([recurrent, units * units]);
    });
  });
});
