import type { AnyArchitecture } from '../architecture/types';
import { nameWithAbbreviation } from '../architecture/names';
import { readLayerGraph, type LayerEdge, type LayerGraph, type LayerInfo } from '../graph/layer-graph';
import { repeatsOf, unitsOf, type Unit } from './blocks';
import { groupDigits } from './numbers';

/** A frame round layers drawn together: a block, or the one drawn copy of a run folded ×N. */
export interface LayersFrame {
  readonly id: string;
  /** The drawn layers it holds. */
  readonly layers: readonly string[];
  /** 1, or how many identical copies in a row the drawn one stands for. */
  readonly repeat: number;
  readonly title: string;
  /**
   * Side inputs of a folded run (src/views/blocks.ts): the drawn layers whose output reaches the same
   * position of every copy. The line into the drawn copy stands for that line into every copy.
   */
  readonly sideInputs?: readonly string[];
}

export interface LayersEdge extends LayerEdge {
  /** The shape is written beside the line: lines into a merge, where shapes must agree or add up. */
  readonly labelled: boolean;
}

export interface LayersDiagramSpec {
  readonly architecture: string;
  readonly view: 'layers' | 'layers-expanded';
  readonly title: string;
  readonly description: string;
  /** `model.countParams()` of the configuration drawn. */
  readonly params: number;
  /** Which of the definition's configs is drawn: `canonical` where it has one. */
  readonly config: string;
  readonly layers: readonly LayerInfo[];
  readonly frames: readonly LayersFrame[];
  readonly edges: readonly LayersEdge[];
}

const MERGES = /^(Add|Concatenate|Multiply|Average|Maximum|Minimum|Subtract|Dot)$/;

/** The longest common start of the layers' names, cut at its last separator: `conv2_block1`. */
function commonName(names: readonly string[]): string {
  let prefix = names[0] ?? '';
  for (const n of names) while (!n.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const cut = prefix.search(/[_\-./]+$/);
  const trimmed = cut > 0 ? prefix.slice(0, cut) : names.length === 1 ? prefix : prefix.replace(/[_\-./][^_\-./]*$/, '');
  return trimmed.length >= 3 ? trimmed : `${names[0]} … ${names.at(-1)}`;
}

/** `conv3_block2` to `conv3_block4` as `conv3_block2–4`; names that differ otherwise as `a … b`. */
function nameRange(first: string, last: string): string {
  const [a, b] = [/^(.*?)(\d+)$/.exec(first), /^(.*?)(\d+)$/.exec(last)];
  return a && b && a[1] === b[1] ? `${first}–${b[2]}` : `${first} … ${last}`;
}

const nameOfUnits = (units: readonly Unit[]): string => commonName(units.flatMap((u) => u.layers));

/** Which config the layers views draw: the published one where there is one, else the demo's, else the diagram's. */
export function layersConfig(architecture: AnyArchitecture): { name: string; config: unknown } {
  const { canonical, demo, diagram } = architecture.configs;
  if (canonical !== undefined) return { name: 'canonical', config: canonical };
  if (demo !== undefined) return { name: 'demo', config: demo };
  return { name: 'diagram', config: diagram };
}

/**
 * The layers view of a layer graph. Expanded: every layer, every block framed. Collapsed: each run of
 * identical consecutive units (src/views/blocks.ts) is drawn once, framed and marked ×N; the copies
 * it stands for are not drawn, and a line that left the last copy leaves the drawn one. A side input
 * of a run (a layer feeding the same position of every copy) is drawn as one line into the drawn
 * copy, standing for the line into every copy. Lines inside a block — a residual block's skip among
 * them — stay drawn either way.
 */
export function layersSpec(graph: LayerGraph, head: { architecture: AnyArchitecture; config: string; expanded: boolean }): LayersDiagramSpec {
  const units = unitsOf(graph);
  const repeats = head.expanded ? [] : repeatsOf(units);
  // Each hidden layer → the layer of the drawn copy at the same place.
  const drawnAs = new Map<string, string>();
  // Each layer of a run → which run, and which copy of it (0: the drawn one).
  const copyOf = new Map<string, { run: number; copy: number }>();
  const frames: LayersFrame[] = [];
  const folded = new Set<number>();
  const sideInputsOf = new Map<string, readonly string[]>();
  repeats.forEach((r, run) => {
    const drawn = units.slice(r.first, r.first + r.period);
    for (let copy = 0; copy < r.count; copy++)
      drawn.forEach((unit, k) => {
        const hidden = units[r.first + copy * r.period + k]!;
        hidden.layers.forEach((name) => copyOf.set(name, { run, copy }));
        if (copy === 0) return;
        folded.add(r.first + copy * r.period + k);
        hidden.layers.forEach((name, j) => drawnAs.set(name, unit.layers[j]!));
      });
    const last = units.slice(r.first + (r.count - 1) * r.period, r.first + r.count * r.period);
    const sides = [...new Set(drawn.flatMap((u) => u.sideInputs))];
    if (sides.length > 0) sideInputsOf.set(`repeat:${drawn[0]!.layers[0]}`, sides);
    frames.push({
      id: `repeat:${drawn[0]!.layers[0]}`,
      layers: drawn.flatMap((u) => u.layers),
      repeat: r.count,
      title: `×${r.count}  ${nameRange(nameOfUnits(drawn), nameOfUnits(last))}`,
    });
  });
  // A side input is named as drawn: a run's last copy is drawn as its first.
  frames.forEach((f, k) => {
    const sides = sideInputsOf.get(f.id);
    if (sides) frames[k] = { ...f, sideInputs: [...new Set(sides.map((s) => drawnAs.get(s) ?? s))] };
  });
  const inRepeat = new Set(frames.flatMap((f) => f.layers));
  units.forEach((unit, i) => {
    if (unit.kind === 'block' && !folded.has(i) && !unit.layers.some((l) => inRepeat.has(l)))
      frames.push({ id: `block:${unit.layers[0]}`, layers: unit.layers, repeat: 1, title: nameOfUnits([unit]) });
  });

  const layers = graph.layers.filter((l) => !drawnAs.has(l.name));
  const merges = new Set(layers.filter((l) => MERGES.test(l.className)).map((l) => l.name));
  const seen = new Set<string>();
  const edges: LayersEdge[] = [];
  for (const e of graph.edges) {
    const [from, to] = [drawnAs.get(e.from) ?? e.from, drawnAs.get(e.to) ?? e.to];
    // From one copy of a run to the next: what ×N means, not drawn again.
    const [a, b] = [copyOf.get(e.from), copyOf.get(e.to)];
    if (a && b && a.run === b.run && a.copy !== b.copy) continue;
    const key = `${from}→${to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push({ from, to, shape: e.shape, labelled: merges.has(to) });
  }

  const architecture = head.architecture;
  const view = head.expanded ? 'layers-expanded' : 'layers';
  return {
    architecture: architecture.id,
    view,
    title: `${nameWithAbbreviation(architecture)}: ${head.expanded ? 'every layer' : 'layers'} of the ${head.config} configuration`,
    description: describe(graph, units, frames, layers.length, head),
    params: graph.params,
    config: head.config,
    layers,
    frames,
    edges,
  };
}

function describe(graph: LayerGraph, units: readonly Unit[], frames: readonly LayersFrame[], drawn: number, head: { architecture: AnyArchitecture; config: string; expanded: boolean }): string {
  const blocks = units.filter((u) => u.kind === 'block').length;
  const input = graph.layers.find((l) => l.className === 'InputLayer');
  const output = graph.layers.at(-1)!;
  const runName = (f: LayersFrame) => f.title.replace(/^×\d+\s+/, '');
  // A side input drawn in a folded run is the output of that run (its last copy, drawn as the first).
  const sourceName = (layer: string) => {
    const run = frames.find((f) => f.repeat > 1 && f.layers.includes(layer));
    return run ? `the output of ${runName(run)}` : layer;
  };
  const folds = frames
    .filter((f) => f.repeat > 1)
    .map((f) => `${runName(f)}, ${f.repeat} identical${f.sideInputs ? `, every one also reading ${f.sideInputs.map(sourceName).join(' and ')}` : ''}`);
  return [
    `${head.architecture.name}, layers view of its ${head.config} configuration, read from the built TensorFlow.js model: ${graph.layers.length} layers, ${groupDigits(graph.params)} parameters`,
    input ? `, from an input of ${input.shape.join('×')} to an output of ${output.shape.join('×')}.` : '.',
    ` Each box is a layer with its output shape and parameter count; each line a tensor from one layer to the next.`,
    blocks > 0 ? ` ${blocks} block${blocks === 1 ? '' : 's'} of parallel paths joined by a merge are framed; lines into a merge are labelled with their shapes.` : '',
    folds.length > 0 ? ` ${drawn} of the layers are drawn: runs of identical consecutive parts are drawn once and marked ×N (${folds.join('; ')}).` : '',
  ].join('');
}

/** The layers view of an architecture: its layers config built (zero weights where it is the canonical one), read and disposed. */
export function layersView(architecture: AnyArchitecture, expanded: boolean): LayersDiagramSpec {
  const { name, config } = layersConfig(architecture);
  const model = architecture.build(config);
  try {
    return layersSpec(readLayerGraph(model), { architecture, config: name, expanded });
  } finally {
    model.dispose();
  }
}
