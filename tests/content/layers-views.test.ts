import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registry } from '../../src/architecture/registry.vite';
import { parseSvg } from '../support/svg-metadata';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

/** Articles whose section "The demo network, layer by layer" reads figures off their layers diagram. */
const IDS = ['autoencoder', 'convolutional-network', 'deconvolutional-network', 'dcign', 'variational-autoencoder', 'gan', 'capsule-network', 'attention-network'];

describe.each(IDS.map((id) => [id]))('%s: the layers section', (id) => {
  const article = read(`content/architectures/${id}.mdx`);
  const svg = parseSvg(read(`diagrams/${id}.layers.svg`));
  const start = article.indexOf('\n### The demo network, layer by layer\n');
  const section = start < 0 ? '' : article.slice(start + 1, article.indexOf('\n#', start + 2));
  const layers = svg.elements.filter((e) => e.attributes['data-layer'] !== undefined && !e.ancestorClasses.includes('rz-legend'));
  const total = Number(svg.root['data-params']);

  it('embeds the layers diagram and states the model’s parameter count, in bold', () => {
    expect(section).toContain(`<Diagram id="${id}" view="layers"`);
    expect(svg.root['data-config']).toBe('demo');
    expect(section).toContain(`**${total.toLocaleString('en-US')} parameters**`);
  });

  it('draws the network the demo builds at its default settings', async () => {
    const params = (await import(`../../src/demos/architectures/${id}.params.ts`)).default as readonly { name: string; value: number }[];
    const demo = registry.architectures.find((a) => a.id === id)!.configs.demo as Record<string, unknown>;
    // Each demo builds configs.demo, some with the reader's value of a field or two in its place.
    for (const p of params.filter((q) => q.name in demo)) expect(p.value, p.name).toBe(demo[p.name]);
  });

  it('quotes only parameter counts and shapes the diagram draws', () => {
    const counts = new Set([total, ...layers.map((l) => Number(l.attributes['data-params']))]);
    const quoted = [...section.matchAll(/(\d[\d,]*)\*?\*? parameters?\b/g)].map((m) => Number(m[1]!.replace(/,/g, '')));
    expect(quoted.length).toBeGreaterThan(1);
    for (const n of quoted) expect(counts, `${n} parameters`).toContain(n);
    const shapes = new Set([...layers.map((l) => l.attributes['data-shape']), ...svg.edges.map((e) => e.attributes['data-shape'])]);
    const written = [...section.matchAll(/`(\d+(?:×\d+)+)`/g)].map((m) => m[1]);
    for (const s of written) expect(shapes, s).toContain(s);
  });
});
