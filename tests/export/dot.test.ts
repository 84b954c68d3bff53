import { Graphviz } from '@hpcc-js/wasm-graphviz';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../src/architecture/registry.vite';
import { diagramToDot, groupClusterName, stepClusterName } from '../../src/export/dot';
import { layoutDiagram } from '../../src/layout/layout';
import { diagramSpec, isCellGraphView, traceArchitecture } from '../../src/pipeline';
import type { DiagramSpec } from '../../src/views/types';
import { parseSvg } from '../support/svg-metadata';

/** The part of Graphviz's `-Tjson` output read here: clusters and nodes in `objects`, then `edges`. */
interface GraphvizJson {
  readonly objects?: readonly { readonly _gvid: number; readonly name: string; readonly label?: string; readonly nodes?: readonly number[]; readonly subgraphs?: readonly number[] }[];
  readonly edges?: readonly { readonly tail: number; readonly head: number; readonly [attribute: string]: string | number }[];
}

interface ReadBack {
  readonly nodes: readonly string[];
  /** Cluster name → the names of every node inside it (nested clusters included). */
  readonly clusters: ReadonlyMap<string, readonly string[]>;
  readonly labels: ReadonlyMap<string, string>;
  readonly edges: readonly { readonly tail: string; readonly head: string; readonly attributes: Readonly<Record<string, string | number>> }[];
}

let graphviz: Graphviz;
beforeAll(async () => {
  graphviz = await Graphviz.load();
});

/** What Graphviz itself makes of the DOT: it must parse and lay it out without an error. */
function readBack(dot: string): ReadBack {
  const json = JSON.parse(graphviz.layout(dot, 'json', 'dot')) as GraphvizJson;
  const objects = json.objects ?? [];
  const nameOf = new Map(objects.map((o) => [o._gvid, o.name]));
  const clusterObjects = objects.filter((o) => o.name.startsWith('cluster'));
  const nodes = objects.filter((o) => !o.name.startsWith('cluster')).map((o) => o.name);
  return {
    nodes,
    clusters: new Map(clusterObjects.map((c) => [c.name, (c.nodes ?? []).map((id) => nameOf.get(id)!)])),
    labels: new Map(clusterObjects.map((c) => [c.name, c.label ?? ''])),
    edges: (json.edges ?? []).map(({ tail, head, ...attributes }) => ({ tail: nameOf.get(tail)!, head: nameOf.get(head)!, attributes })),
  };
}

const sorted = (xs: Iterable<string>) => [...xs].sort();

/** A small view with every case the export must keep apart: a bundle, a self-loop, a back-arc, an undirected pair. */
const SAMPLE: DiagramSpec = {
  architecture: 'sample',
  view: 'cells',
  title: 'sample',
  description: 'sample',
  nodes: [
    { id: 'in.0', cell: 'in.0', group: 'in', cellType: 'input' },
    { id: 'in.1', cell: 'in.1', group: 'in', cellType: 'input' },
    { id: 'res.0', cell: 'res.0', group: 'res', cellType: 'recurrent' },
    { id: 'res.1', cell: 'res.1', group: 'res', cellType: 'recurrent' },
    { id: 'out.0', cell: 'out.0', group: 'out', cellType: 'output' },
  ],
  groups: [
    { id: 'in', label: 'input "x"', caption: ['2 input cells'], cellType: 'input', members: ['in.0', 'in.1'], orientation: 'column' },
    { id: 'res', label: 'reservoir', caption: [], cellType: 'recurrent', members: ['res.0', 'res.1'], orientation: 'column' },
    { id: 'out', label: 'readout', caption: [], cellType: 'output', members: ['out.0'], orientation: 'column' },
  ],
  edges: [
    { from: 'in', to: 'res', bundle: true, kind: 'dense', trainable: false, directed: true },
    { from: 'res.0', to: 'res.0', bundle: false, kind: 'recurrent', trainable: false, directed: true },
    { from: 'res.1', to: 'res.0', bundle: false, kind: 'recurrent', trainable: false, directed: true },
    { from: 'res.0', to: 'out.0', bundle: false, kind: 'dense', trainable: true, directed: true },
    { from: 'res.1', to: 'out.0', bundle: false, kind: 'complete', trainable: true, directed: false },
  ],
};

describe('DOT export', () => {
  it('gives Graphviz one node per cell and one cluster per group, holding exactly its cells', () => {
    const back = readBack(diagramToDot(SAMPLE));
    expect(sorted(back.nodes)).toEqual(sorted(SAMPLE.nodes.map((n) => n.id)));
    expect(sorted(back.clusters.keys())).toEqual(sorted(SAMPLE.groups.map((g) => groupClusterName(g.id))));
    for (const group of SAMPLE.groups) expect(sorted(back.clusters.get(groupClusterName(group.id))!)).toEqual(sorted(group.members));
  });

  it('keeps a label with quotes intact and puts the caption under it', () => {
    expect(readBack(diagramToDot(SAMPLE)).labels.get(groupClusterName('in'))).toBe('input "x"\\n2 input cells');
  });

  it('draws a bundle as one edge between the two clusters', () => {
    const bundles = readBack(diagramToDot(SAMPLE)).edges.filter((e) => 'ltail' in e.attributes);
    expect(bundles).toHaveLength(1);
    expect(bundles[0]!.attributes).toMatchObject({ ltail: groupClusterName('in'), lhead: groupClusterName('res') });
    expect(String(bundles[0]!.attributes.class).split(' ')).toEqual(expect.arrayContaining(['rz-bundle', 'rz-kind-dense', 'rz-fixed']));
  });

  it('keeps every edge, self-loops included, and lets no delayed loop order the ranks', () => {
    const { edges } = readBack(diagramToDot(SAMPLE));
    expect(edges).toHaveLength(SAMPLE.edges.length);
    const loops = edges.filter((e) => String(e.attributes.class).includes('rz-kind-recurrent'));
    expect(loops.map((e) => `${e.tail}>${e.head}`).sort()).toEqual(['res.0>res.0', 'res.1>res.0']);
    for (const loop of loops) expect(loop.attributes.constraint).toBe('false');
    expect(edges.filter((e) => !String(e.attributes.class).includes('rz-kind-recurrent')).every((e) => e.attributes.constraint === undefined)).toBe(true);
  });

  it('draws an undirected connection without an arrow', () => {
    const undirected = readBack(diagramToDot(SAMPLE)).edges.filter((e) => e.attributes.dir === 'none');
    expect(undirected.map((e) => `${e.tail}>${e.head}`)).toEqual(['res.1>out.0']);
  });

  it('refuses an edge to a cell that is not drawn, naming it', () => {
    const broken = { ...SAMPLE, edges: [...SAMPLE.edges, { from: 'res.0', to: 'res.9', bundle: false, kind: 'recurrent' as const, trainable: false, directed: true }] };
    expect(() => diagramToDot(broken)).toThrow('"res.9" is not a drawn node');
  });
});

// The internals view draws an op graph, not cells and weights: it has no DOT export.
const committed = registry.architectures.flatMap((architecture) =>
  architecture.views.filter(isCellGraphView).map((view) => [`${architecture.id}.${view}`, architecture, view] as const),
);

describe.each(committed)('DOT of %s, from the real pipeline', (file, architecture, view) => {
  const svg = parseSvg(readFileSync(new URL(`../../diagrams/${file}.svg`, import.meta.url), 'utf8'));
  let back: ReadBack;
  beforeAll(async () => {
    back = readBack(diagramToDot(await layoutDiagram(diagramSpec(architecture, view, traceArchitecture(architecture)))));
  });

  it('has the committed diagram\'s cells as its nodes', () => {
    expect(sorted(back.nodes)).toEqual(sorted(svg.nodes.map((n) => n.attributes['data-node']!)));
  });

  it('has a cluster per drawn group (and per step), each holding that group\'s cells', () => {
    const members = new Map<string, string[]>();
    for (const node of svg.nodes) members.set(node.attributes['data-group']!, [...(members.get(node.attributes['data-group']!) ?? []), node.attributes['data-node']!]);
    const steps = new Set(svg.nodes.flatMap((n) => (n.attributes['data-step'] === undefined ? [] : [stepClusterName(Number(n.attributes['data-step']))])));
    expect(sorted(back.clusters.keys())).toEqual(sorted([...[...members.keys()].map(groupClusterName), ...steps]));
    for (const [group, cells] of members) expect(sorted(back.clusters.get(groupClusterName(group))!)).toEqual(sorted(cells));
  });

  it('has one edge per drawn edge, bundles and delayed edges included', () => {
    const groupOfCluster = (name: string | number) => String(name).replace(/^cluster_group:/, '');
    const drawn = svg.edges.map((e) => `${e.attributes['data-from']} → ${e.attributes['data-to']} ${e.attributes['data-kind']}${e.attributes['data-bundle'] === 'true' ? ' bundle' : ''}`);
    const exported = back.edges.map((e) => {
      const kind = /rz-kind-(\S+)/.exec(String(e.attributes.class))?.[1];
      return 'ltail' in e.attributes ? `${groupOfCluster(e.attributes.ltail!)} → ${groupOfCluster(e.attributes.lhead!)} ${kind} bundle` : `${e.tail} → ${e.head} ${kind}`;
    });
    expect(sorted(exported)).toEqual(sorted(drawn));
  });
});

it('checks bundles and delayed edges against real diagrams: the committed ones have both', () => {
  const kinds = committed.flatMap(([file]) => parseSvg(readFileSync(new URL(`../../diagrams/${file}.svg`, import.meta.url), 'utf8')).edges);
  expect(kinds.some((e) => e.attributes['data-bundle'] === 'true')).toBe(true);
  expect(kinds.some((e) => e.attributes['data-kind'] === 'recurrent' && e.attributes['data-from'] === e.attributes['data-to'])).toBe(true);
});
