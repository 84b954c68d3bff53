import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagramGeometry, legibilityProblems } from '../support/diagram-geometry';
import { PROJECT_ROOT } from '../support/temp-project';
import { benchGraphs } from '../../bench/graphs';
import { registry } from '../../src/architecture/registry.vite';
import { traceModel } from '../../src/graph/trace';
import { generateSvg } from '../../src/pipeline';

const DIAGRAM_DIR = `${PROJECT_ROOT}diagrams/`;
const DIAGRAMS = readdirSync(DIAGRAM_DIR).filter((f) => f.endsWith('.svg')).sort();

/** A made-up diagram: one caption, one badge and whatever lines are given, in the files' own markup. */
const sketch = (...paths: string[]) =>
  `<svg xmlns="http://www.w3.org/2000/svg"><style>.rz-diagram .rz-caption{font-size:10px}.rz-diagram .rz-badge text{font-size:9px}</style>` +
  `<text class="rz-caption" x="100" y="50" text-anchor="middle">2 input cells</text>` +
  `<g class="rz-badge"><rect width="24" height="14" x="188" y="93"></rect><text x="200" y="103" text-anchor="middle">t−1</text></g>` +
  paths.map((d, i) => `<path d="${d}" data-from="a.${i}" data-to="b.${i}" data-kind="dense"></path>`).join('') +
  `</svg>`;

describe('the legibility check', () => {
  it('finds a line through a caption, a curve through a badge, overlapping texts and lines drawn along each other', () => {
    expect(legibilityProblems(sketch('M60 20 L140 60'))).toEqual(['a.0 → b.0 (dense) runs through rz-caption "2 input cells" at 61,42']);
    expect(legibilityProblems(sketch('M150 100 C190 60 210 140 250 100'))[0]).toMatch(/^a\.0 → b\.0 \(dense\) runs through badge "t−1"/);
    expect(legibilityProblems(sketch().replace('x="188" y="93"', 'x="90" y="40"'))[0]).toMatch(/overlaps badge "t−1"/);
    expect(legibilityProblems(sketch('M0 200 L100 200', 'M50 200 L150 200'))).toEqual(['a.0 → b.0 (dense) and a.1 → b.1 (dense) run along each other for 50 px']);
  });

  it('lets lines pass close by, cross one another and jump between subpaths', () => {
    expect(legibilityProblems(sketch('M60 55 L140 55', 'M150 115 L250 115', 'M0 0 L100 100', 'M0 100 L100 0', 'M180 80 L180 90 M220 90 L220 80'))).toEqual([]);
  });
});

describe('legibility of every committed diagram', () => {
  it('finds the diagrams, with their texts and lines', () => {
    expect(DIAGRAMS.length).toBeGreaterThanOrEqual(30);
    const { texts, lines } = diagramGeometry(readFileSync(`${DIAGRAM_DIR}lstm.cells.svg`, 'utf8'));
    expect(texts.filter((t) => t.role === 'badge').length).toBeGreaterThan(0);
    expect(lines.length).toBeGreaterThan(10);
  });

  it.each(DIAGRAMS)('%s: no line runs through a text, and no two texts overlap', (file) => {
    expect(legibilityProblems(readFileSync(`${DIAGRAM_DIR}${file}`, 'utf8'))).toEqual([]);
  });
});

/**
 * The same checks at real scale, where elision, bundles and badges crowd (issue: ESN badges piling up
 * at 1,000 units, a 100,000×1 badge over the next group's caption): drawn from the definitions, not
 * committed. Counts in captions, badges and <desc> are digit-grouped as readers write them.
 */
const SCALED = [
  ['echo-state-network', '1,000 units', { units: 1000 }],
  ['feed-forward', 'a hidden layer of 100,000', { inputs: 4, hidden: [100000], outputs: 1 }],
] as const;

describe.each(SCALED)('legibility of %s with %s', (id, _, sizes) => {
  const architecture = registry.get(id);
  const drawn = (async () => {
    const model = architecture.build({ ...(architecture.configs.diagram as object), ...sizes });
    const graph = traceModel(model, id);
    model.dispose();
    return Promise.all(architecture.views.map(async (view) => [view, await generateSvg(architecture, view, graph)] as const));
  })();

  it('runs no line through a text, overlaps no two texts and merges no two lines, in every view', async () => {
    for (const [view, svg] of await drawn) expect(legibilityProblems(svg), view).toEqual([]);
  });

  it('writes its large counts with grouped digits', async () => {
    for (const [view, svg] of await drawn) {
      const texts = diagramGeometry(svg).texts.map((t) => t.text);
      expect(texts.filter((t) => /\d{4,}/.test(t)), view).toEqual([]);
      expect(texts.some((t) => /\d{1,3}(,\d{3})+/.test(t)), view).toBe(true);
    }
  });
});

/** The bench's own scaled set (bench/graphs.ts), imported rather than copied: what is timed is legible too. */
describe.each(benchGraphs(registry).filter((g) => g.scaled).map((g) => [g.name, g] as const))('legibility of the bench graph %s', (_, graph) => {
  it('runs no line through a text, overlaps no two texts and merges no two lines', async () => {
    expect(legibilityProblems(await generateSvg(graph.architecture, graph.view))).toEqual([]);
  });
});
