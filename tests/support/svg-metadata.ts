import sax from 'sax';

/** One element of an SVG file, as a reader of the metadata contract sees it. */
export interface SvgElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly text: string;
  /** Class names of every enclosing element, e.g. to tell legend samples from the drawing. */
  readonly ancestorClasses: readonly string[];
}

export interface SvgMetadata {
  readonly root: Readonly<Record<string, string>>;
  readonly title: string;
  readonly desc: string;
  readonly elements: readonly SvgElement[];
  /** Elements with data-node: the drawn cells. */
  readonly nodes: readonly SvgElement[];
  /** Elements with data-from: the drawn connections, as written (bundles not expanded). */
  readonly edges: readonly SvgElement[];
}

/** Parses an SVG file with a real XML parser (strict mode: malformed markup fails the test). */
export function parseSvg(svg: string): SvgMetadata {
  const parser = sax.parser(true, {});
  type Mutable = { name: string; attributes: Record<string, string>; text: string; ancestorClasses: string[] };
  const elements: Mutable[] = [];
  const open: Mutable[] = [];
  parser.onopentag = (tag) => {
    const ancestorClasses = open.flatMap((e) => (e.attributes.class ?? '').split(' ').filter(Boolean));
    const element = { name: tag.name, attributes: tag.attributes as Record<string, string>, text: '', ancestorClasses };
    elements.push(element);
    open.push(element);
  };
  parser.ontext = (text) => {
    const current = open.at(-1);
    if (current) current.text += text;
  };
  parser.onclosetag = () => void open.pop();
  parser.write(svg).close();
  const root = elements[0];
  if (!root || root.name !== 'svg') throw new Error('not an SVG document');
  return {
    root: root.attributes,
    title: elements.find((e) => e.name === 'title')?.text ?? '',
    desc: elements.find((e) => e.name === 'desc')?.text ?? '',
    elements,
    nodes: elements.filter((e) => 'data-node' in e.attributes),
    edges: elements.filter((e) => 'data-from' in e.attributes),
  };
}

export interface ExpandedEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: string;
  readonly trainable: boolean;
  readonly directed: boolean;
  /** A matrix-valued connection's block (data-weights="rows×cols"); absent for one scalar weight. */
  readonly weights?: readonly [number, number];
}

/** `data-weights="3×2"` → [3, 2]; a malformed value fails the test that reads it. */
function parseWeights(value: string | undefined): readonly [number, number] | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+)×(\d+)$/.exec(value);
  if (!match) throw new Error(`invalid data-weights: "${value}" (expected <rows>×<cols>)`);
  return [Number(match[1]), Number(match[2])];
}

/**
 * The connections an SVG claims, one per cell pair: a bundle (data-bundle="true") between two groups
 * stands for every pair of their cells, found through the cells' data-group.
 */
export function expandEdges(meta: SvgMetadata): ExpandedEdge[] {
  const members = new Map<string, string[]>();
  for (const node of meta.nodes) {
    const group = node.attributes['data-group'];
    if (group) members.set(group, [...(members.get(group) ?? []), node.attributes['data-node']!]);
  }
  return meta.edges.flatMap((e) => {
    const a = e.attributes;
    const weights = parseWeights(a['data-weights']);
    const flags = { kind: a['data-kind']!, trainable: a['data-trainable'] === 'true', directed: a['data-directed'] === 'true', ...(weights ? { weights } : {}) };
    if (a['data-bundle'] !== 'true') return [{ from: a['data-from']!, to: a['data-to']!, ...flags }];
    const sources = members.get(a['data-from']!) ?? [];
    const targets = members.get(a['data-to']!) ?? [];
    if (sources.length === 0 || targets.length === 0) throw new Error(`bundle ${a['data-from']} → ${a['data-to']} names a group with no cells`);
    return sources.flatMap((from) => targets.map((to) => ({ from, to, ...flags })));
  });
}

export const edgeKey = (e: ExpandedEdge): string =>
  `${e.from} → ${e.to} [${e.kind}, ${e.trainable ? 'trained' : 'fixed'}, ${e.directed ? 'directed' : 'undirected'}${e.weights ? `, ${e.weights[0]}×${e.weights[1]} weights` : ''}]`;

/** How many weights a drawn connection stands for: 1, or rows × cols for a matrix-valued one. */
export const drawnWeights = (e: ExpandedEdge): number => (e.weights ? e.weights[0] * e.weights[1] : 1);
