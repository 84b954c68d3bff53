import type { LayerGraph } from '../graph/layer-graph';

/**
 * A run of consecutive layers the layers view treats as one piece: a single layer, or a block — the
 * layers between two layers every path passes through (a residual block's branches, an Inception
 * module's), with the merge that closes it and any weightless activation right after the merge
 * (Keras's `conv2_block1_out`).
 */
export interface Unit {
  /** Layer names, in the model's order. */
  readonly layers: readonly string[];
  readonly kind: 'layer' | 'block';
  /** Identical signatures mean identical units: the same layers, configs, shapes, parameters and wiring. */
  readonly signature: string;
}

/** `count` consecutive copies of `period` units: the first copy is drawn, the rest are folded into it. */
export interface Repeat {
  readonly first: number;
  readonly period: number;
  readonly count: number;
}

/** Layer names in an order where every edge runs forward: the model's order, which tfjs keeps topological. */
function positions(graph: LayerGraph): Map<string, number> {
  const position = new Map(graph.layers.map((l, i) => [l.name, i]));
  for (const e of graph.edges)
    if (position.get(e.from)! >= position.get(e.to)!) throw new Error(`layers view of ${graph.model}: edge ${e.from} → ${e.to} runs against the model's layer order`);
  return position;
}

/**
 * Positions every path from the inputs to the output passes through: no edge jumps over them. (With
 * one input and one output, such a layer splits the model in two.)
 */
function cutPositions(graph: LayerGraph, position: ReadonlyMap<string, number>): boolean[] {
  const cut = graph.layers.map(() => true);
  for (const e of graph.edges) for (let p = position.get(e.from)! + 1; p < position.get(e.to)!; p++) cut[p] = false;
  // A second input is jumped over by nothing, yet paths from the first input avoid it.
  graph.layers.forEach((l, p) => {
    if (p > 0 && l.className === 'InputLayer') cut[p] = false;
  });
  return cut;
}

/** Splits the model into units, in order; every layer belongs to exactly one. */
export function unitsOf(graph: LayerGraph): Unit[] {
  const position = positions(graph);
  const cut = cutPositions(graph, position);
  const info = graph.layers;
  const pieces: { layers: number[]; kind: Unit['kind'] }[] = [];
  for (let p = 0; p < info.length; ) {
    if (!cut[p]) {
      // Layers off the cut run up to the next cut, the merge that closes the block.
      let end = p;
      while (end < info.length && !cut[end]) end++;
      const layers = Array.from({ length: Math.min(end, info.length - 1) - p + 1 }, (_, k) => p + k);
      pieces.push({ layers, kind: 'block' });
      p = end + 1;
      continue;
    }
    const previous = pieces.at(-1);
    if (previous?.kind === 'block' && followsAsActivation(graph, previous.layers.at(-1)!, p)) previous.layers.push(p);
    else pieces.push({ layers: [p], kind: 'layer' });
    p++;
  }
  return pieces.map(({ layers, kind }) => ({ layers: layers.map((p) => info[p]!.name), kind, signature: signature(graph, layers, position) }));
}

/** A weightless layer that keeps its input's shape and reads only the layer before it: a block's closing activation. */
function followsAsActivation(graph: LayerGraph, before: number, p: number): boolean {
  const [previous, layer] = [graph.layers[before]!, graph.layers[p]!];
  const inbound = graph.edges.filter((e) => e.to === layer.name);
  return layer.params === 0 && inbound.length === 1 && inbound[0]!.from === previous.name && layer.shape.join() === previous.shape.join() && /^(Activation|ReLU|LeakyReLU|ELU|Softmax)$/.test(layer.className);
}

/** Everything that makes two units the same computation, with layer names replaced by offsets. */
function signature(graph: LayerGraph, layers: readonly number[], position: ReadonlyMap<string, number>): string {
  const start = layers[0]!;
  const members = new Set(layers);
  const parts = layers.map((p) => {
    const l = graph.layers[p]!;
    const inputs = graph.edges
      .filter((e) => e.to === l.name)
      .map((e) => {
        const from = position.get(e.from)!;
        return members.has(from) ? `${from - start}` : 'in';
      });
    return `${l.className}|${l.summary}|${l.shape.join('×')}|${l.params}|${l.fixedParams}|${inputs.join(',')}`;
  });
  return parts.join(';');
}

/** The longest a repeating pattern may be, in units: a block and its trailing layer, say. */
const MAX_PERIOD = 4;

/**
 * Runs of identical consecutive units, found greedily from the first: at each unit, the period
 * (1 to MAX_PERIOD units) whose copies cover the most units, shortest first on a tie.
 */
export function repeatsOf(units: readonly Unit[]): Repeat[] {
  const repeats: Repeat[] = [];
  for (let i = 0; i < units.length; ) {
    let best: Repeat | undefined;
    for (let period = 1; period <= MAX_PERIOD && i + 2 * period <= units.length; period++) {
      let count = 1;
      while (i + (count + 1) * period <= units.length && sameRun(units, i, i + count * period, period)) count++;
      if (count >= 2 && (!best || period * count > best.period * best.count)) best = { first: i, period, count };
    }
    if (best) {
      repeats.push(best);
      i += best.period * best.count;
    } else i++;
  }
  return repeats;
}

const sameRun = (units: readonly Unit[], a: number, b: number, period: number): boolean =>
  Array.from({ length: period }, (_, k) => units[a + k]!.signature === units[b + k]!.signature).every(Boolean);
