import sax from 'sax';

/** One element of an SVG file, as a reader of the metadata contract sees it. */
export interface SvgElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly text: string;
  /** The text of the element and of everything inside it: a `<text>`'s tspans (subscripts) joined. */
  readonly content: string;
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
  /** Elements with data-ellipsis: each stands for a run of its group's cells that are not drawn. */
  readonly ellipses: readonly SvgElement[];
}

/** Parses an SVG file with a real XML parser (strict mode: malformed markup fails the test). */
export function parseSvg(svg: string): SvgMetadata {
  const parser = sax.parser(true, {});
  type Mutable = { name: string; attributes: Record<string, string>; text: string; content: string; ancestorClasses: string[] };
  const elements: Mutable[] = [];
  const open: Mutable[] = [];
  parser.onopentag = (tag) => {
    const ancestorClasses = open.flatMap((e) => (e.attributes.class ?? '').split(' ').filter(Boolean));
    const element = { name: tag.name, attributes: tag.attributes as Record<string, string>, text: '', content: '', ancestorClasses };
    elements.push(element);
    open.push(element);
  };
  parser.ontext = (text) => {
    const current = open.at(-1);
    if (current) current.text += text;
    for (const element of open) element.content += text;
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
    ellipses: elements.filter((e) => 'data-ellipsis' in e.attributes),
  };
}

export interface ExpandedEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: string;
  /** A weight's flag; absent on a weightless dependency (no data-trainable). */
  readonly trainable?: boolean;
  readonly directed: boolean;
  /** The per-input coefficient that scales the connection (data-scaled-by). */
  readonly scaledBy?: string;
  /** How many connections the element stands for: its data-count, or 1. */
  readonly count: number;
  /** A matrix-valued connection's block (data-weights="rows×cols"); absent for one scalar weight. */
  readonly weights?: readonly [number, number];
  /** A recurrent connection running backward in time, t+1 → t (data-delay="-1"); absent for t−1 → t. */
  readonly delay?: -1;
}

/** `data-delay="-1"` → −1; absent → undefined; any other value fails the test that reads it. */
function parseDelay(value: string | undefined): -1 | undefined {
  if (value === undefined) return undefined;
  if (value !== '-1') throw new Error(`invalid data-delay: "${value}" (expected -1, or no attribute for t−1 → t)`);
  return -1;
}

/** `data-trainable`: "true"/"false" → the flag; absent → undefined (weightless); anything else fails. */
function parseTrainable(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') throw new Error(`invalid data-trainable: "${value}" (expected true, false, or no attribute on a weightless dependency)`);
  return value === 'true';
}

/** `data-weights="3×2"` → [3, 2]; a malformed value fails the test that reads it. */
function parseWeights(value: string | undefined): readonly [number, number] | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+)×(\d+)$/.exec(value);
  if (!match) throw new Error(`invalid data-weights: "${value}" (expected <rows>×<cols>)`);
  return [Number(match[1]), Number(match[2])];
}

/** A connection as the accounting compares it: ends, kind and flags. */
export type EdgeFacts = Omit<ExpandedEdge, 'count'>;

/**
 * The cells an ellipsis stands for, by the contract: `<layer>.<i>` for data-elided-first ≤ i ≤
 * data-elided-last, with the step suffix of its group (`reservoir@1` → `reservoir.<i>@1`).
 */
export function elidedCells(ellipsis: SvgElement): string[] {
  const a = ellipsis.attributes;
  const [, layer, step = ''] = /^(.*?)(@\d+)?$/.exec(a['data-elided']!)!;
  const [first, last, count] = [Number(a['data-elided-first']), Number(a['data-elided-last']), Number(a['data-elided-count'])];
  if (!(Number.isInteger(first) && Number.isInteger(last) && last > first && count === last - first + 1))
    throw new Error(`ellipsis ${a['data-ellipsis']}: inconsistent range ${first}–${last}, count ${count}`);
  return Array.from({ length: count }, (_, i) => `${layer}.${first + i}${step}`);
}

/** Every cell of each group, drawn (data-node) and elided (an ellipsis's range), by group id. */
export function groupCells(meta: SvgMetadata): Map<string, string[]> {
  const members = new Map<string, string[]>();
  const add = (group: string, cells: readonly string[]) => members.set(group, [...(members.get(group) ?? []), ...cells]);
  for (const node of meta.nodes) if (node.attributes['data-group']) add(node.attributes['data-group'], [node.attributes['data-node']!]);
  for (const ellipsis of meta.ellipses) add(ellipsis.attributes['data-elided']!, elidedCells(ellipsis));
  return members;
}

/**
 * Cell id → the id of what is drawn for it: the cell itself (data-node), or the ellipsis whose range
 * holds it. A cell that is both drawn and elided, or elided twice, is an error.
 */
export function drawnAs(meta: SvgMetadata): Map<string, string> {
  const map = new Map(meta.nodes.map((n) => [n.attributes['data-node']!, n.attributes['data-node']!]));
  for (const ellipsis of meta.ellipses)
    for (const cell of elidedCells(ellipsis)) {
      if (map.has(cell)) throw new Error(`${cell} is claimed by ${map.get(cell)} and by ellipsis ${ellipsis.attributes['data-ellipsis']}`);
      map.set(cell, ellipsis.attributes['data-ellipsis']!);
    }
  return map;
}

/**
 * The connection elements an SVG claims: a bundle (data-bundle="true") between two groups is expanded
 * to every pair of their cells, drawn and elided; every other element is one entry, with its count.
 */
export function expandEdges(meta: SvgMetadata): ExpandedEdge[] {
  const members = groupCells(meta);
  return meta.edges.flatMap((e) => {
    const a = e.attributes;
    const weights = parseWeights(a['data-weights']);
    const delay = parseDelay(a['data-delay']);
    const trainable = parseTrainable(a['data-trainable']);
    const flags = {
      kind: a['data-kind']!,
      ...(trainable === undefined ? {} : { trainable }),
      directed: a['data-directed'] === 'true',
      ...(a['data-scaled-by'] ? { scaledBy: a['data-scaled-by'] } : {}),
      ...(weights ? { weights } : {}),
      ...(delay ? { delay } : {}),
    };
    if (a['data-bundle'] !== 'true') return [{ from: a['data-from']!, to: a['data-to']!, ...flags, count: Number(a['data-count'] ?? 1) }];
    const sources = members.get(a['data-from']!) ?? [];
    const targets = members.get(a['data-to']!) ?? [];
    if (sources.length === 0 || targets.length === 0) throw new Error(`bundle ${a['data-from']} → ${a['data-to']} names a group with no cells`);
    return sources.flatMap((from) => targets.map((to) => ({ from, to, ...flags, count: 1 })));
  });
}

/** Ends, kind, flags, block shape, scaling and time direction: a backward-in-time weight drawn as a forward one does not match. */
export const edgeKey = (e: EdgeFacts): string =>
  `${e.from} → ${e.to} [${e.kind}, ${e.trainable === undefined ? 'no weight' : e.trainable ? 'trained' : 'fixed'}, ${e.directed ? 'directed' : 'undirected'}${
    e.weights ? `, ${e.weights[0]}×${e.weights[1]} weights` : ''
  }${e.scaledBy ? `, scaled by ${e.scaledBy}` : ''}${e.delay === -1 ? ', t+1 → t' : ''}]`;

/** How many weights a drawn connection stands for: 1, or rows × cols for a matrix-valued one; times its count. */
export const drawnWeights = (e: ExpandedEdge): number => (e.weights ? e.weights[0] * e.weights[1] : 1) * e.count;

const tally = (entries: Iterable<readonly [string, number]>): Map<string, number> => {
  const totals = new Map<string, number>();
  for (const [key, n] of entries) totals.set(key, (totals.get(key) ?? 0) + n);
  return new Map([...totals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
};

/**
 * How many connections an SVG says run between each pair of drawn ends (cells or ellipses), by kind
 * and flags: bundles expanded and mapped onto what is drawn for each cell, data-count summed. Equal to
 * `accountOf(meta, connections)` exactly when every drawn element stands for real connections and
 * every real connection is counted once. Without ellipses this is one entry per drawn cell pair.
 */
export function drawnAccount(meta: SvgMetadata): Map<string, number> {
  const as = drawnAs(meta);
  const end = (id: string) => as.get(id) ?? id;
  return tally(expandEdges(meta).map((e) => [edgeKey({ ...e, from: end(e.from), to: end(e.to) }), e.count] as const));
}

/** The same account for a network's own connections, each end mapped onto what the SVG draws for it. */
export function accountOf(meta: SvgMetadata, connections: Iterable<EdgeFacts>): Map<string, number> {
  const as = drawnAs(meta);
  const end = (cell: string) => {
    const drawn = as.get(cell);
    if (!drawn) throw new Error(`${cell} is neither drawn nor stood for by an ellipsis`);
    return drawn;
  };
  return tally([...connections].map((c) => [edgeKey({ ...c, from: end(c.from), to: end(c.to) }), 1] as const));
}
