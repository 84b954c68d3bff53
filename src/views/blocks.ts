import type { LayerGraph, LayerInfo } from '../graph/layer-graph';

/**
 * A run of consecutive layers the layers view treats as one piece: a single layer, or a block — the
 * layers between two layers every path passes through (a residual block's branches, an Inception
 * module's), with the merge that closes it and any weightless activation right after the merge
 * (Keras's `conv2_block1_out`).
 */
export interface Unit {
  /** Layer names, in the order of `layerOrder` (the model's, unless side inputs are found). */
  readonly layers: readonly string[];
  readonly kind: 'layer' | 'block';
  /** Identical signatures mean identical units: the same layers, configs, shapes, parameters and wiring. */
  readonly signature: string;
  /**
   * Side inputs: layers outside the unit that feed the same position of every copy in a run of
   * identical units (a Transformer's encoder output, read by every decoder layer), in order.
   */
  readonly sideInputs: readonly string[];
}

/** `count` consecutive copies of `period` units: the first copy is drawn, the rest are folded into it. */
export interface Repeat {
  readonly first: number;
  readonly period: number;
  readonly count: number;
}

/**
 * Layer positions in an order where every edge runs forward and each strand stays together: the
 * model's order (which tfjs keeps topological), except that the side inputs and what they are computed
 * from come first, and a layer with nothing to read but inputs from outside — a further input, or a
 * layer reading only side inputs — waits until nothing else can be placed. (tfjs orders layers by depth, so a second input's strand can interleave with the first's
 * layers of the same depth: the Transformer's target with its last encoder layer; and a decoder
 * layer's cross-attention keys would sit next to the encoder's output rather than in their layer.)
 * Without side inputs the model's order is kept as it is: there, deferring a further input would pull
 * its strand out of the block it interleaves with (a DQN's target network, seq2seq's decoder) and
 * frame those models differently, a change of its own not made here.
 */
function positions(graph: LayerGraph, sides: ReadonlySet<string> = new Set()): Map<string, number> {
  const model = new Map(graph.layers.map((l, i) => [l.name, i]));
  for (const e of graph.edges)
    if (model.get(e.from)! >= model.get(e.to)!) throw new Error(`layers view of ${graph.model}: edge ${e.from} → ${e.to} runs against the model's layer order`);
  if (sides.size === 0) return model;
  const inbound = graph.layers.map((l) => graph.edges.filter((e) => e.to === l.name));
  const waits = graph.layers.map((l, i) => l.className === 'InputLayer' || inbound[i]!.every((e) => sides.has(e.from)));
  const missing = inbound.map((edges) => edges.length);
  // What the side inputs are computed from goes first: they come from outside the runs that read them.
  const feedsSide = new Set(sides);
  for (let i = graph.layers.length - 1; i >= 0; i--) if (feedsSide.has(graph.layers[i]!.name)) for (const e of inbound[i]!) feedsSide.add(e.from);
  const rank = (i: number) => (feedsSide.has(graph.layers[i]!.name) ? 0 : waits[i] ? 2 : 1);
  const placed = graph.layers.map(() => false);
  const position = new Map<string, number>();
  while (position.size < graph.layers.length) {
    const ready = graph.layers.map((_, i) => i).filter((i) => !placed[i] && missing[i] === 0);
    const next = ready.reduce((best, i) => (rank(i) < rank(best) ? i : best));
    placed[next] = true;
    position.set(graph.layers[next]!.name, position.size);
    for (const e of graph.edges) if (e.from === graph.layers[next]!.name) missing[model.get(e.to)!]!--;
  }
  return position;
}

/** The layers' names in the order the layers view splits them into units (see `positions`), with `unitsOf`'s side inputs. */
export function layerOrder(graph: LayerGraph): string[] {
  const position = positions(graph, sidesOf(graph));
  return graph.layers.map((l) => l.name).sort((a, b) => position.get(a)! - position.get(b)!);
}

/**
 * Positions every path from the inputs to the output passes through: no edge jumps over them. (With
 * one input and one output, such a layer splits the model in two.)
 */
function cutPositions(graph: LayerGraph, info: readonly LayerInfo[], position: ReadonlyMap<string, number>, sides: ReadonlySet<string>): boolean[] {
  const cut = info.map(() => true);
  // A side input's lines jump over every copy that reads it: they split nothing.
  for (const e of graph.edges) if (!sides.has(e.from)) for (let p = position.get(e.from)! + 1; p < position.get(e.to)!; p++) cut[p] = false;
  // A second input is jumped over by nothing, yet paths from the first input avoid it.
  info.forEach((l, p) => {
    if (p > 0 && l.className === 'InputLayer') cut[p] = false;
  });
  return cut;
}

/**
 * Splits the model into units, in order; every layer belongs to exactly one. A layer whose lines
 * reach the same position of every copy in a run of identical units is a side input of that run
 * (a broadcast source): its lines split nothing, and the units it feeds record it by its role, not
 * by where it is.
 */
export function unitsOf(graph: LayerGraph): Unit[] {
  return split(graph, sidesOf(graph));
}

/** The side inputs: each layer, in the model's order, that broadcasts (see `broadcasts`) once those before it are side inputs. */
function sidesOf(graph: LayerGraph): Set<string> {
  let sides = new Set<string>();
  const byName = new Map(graph.layers.map((l) => [l.name, l]));
  for (const source of graph.layers) {
    const readers = new Set(graph.edges.filter((e) => e.from === source.name).map((e) => e.to));
    if (readers.size < 2 || !mayReadAlikeInCopies([...readers].map((r) => byName.get(r)!))) continue;
    const trial = new Set([...sides, source.name]);
    if (broadcasts(graph, split(graph, trial), source.name)) sides = trial;
  }
  return sides;
}

/**
 * A cheap necessary condition for `broadcasts`, checked before splitting the model again: copies of a
 * unit hold the same layers, so readers in N ≥ 2 copies come as N alike of each kind (class, summary,
 * shape and parameters). A residual block's input, read once by a branch and once by the merge, fails
 * here without a trial split, which is most of the candidates in a deep network.
 */
function mayReadAlikeInCopies(readers: readonly LayerInfo[]): boolean {
  const alike = new Map<string, number>();
  for (const r of readers) {
    const kind = `${r.className}|${r.summary}|${r.shape.join('×')}|${r.params}`;
    alike.set(kind, (alike.get(kind) ?? 0) + 1);
  }
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  return [...alike.values()].reduce(gcd) >= 2;
}

/** Whether `source` feeds, and only feeds, the same layers of every copy in one run of identical units that it is not part of. */
function broadcasts(graph: LayerGraph, units: readonly Unit[], source: string): boolean {
  const unitOf = new Map(units.flatMap((u, i) => u.layers.map((l) => [l, i] as const)));
  const readers = new Set(graph.edges.filter((e) => e.from === source).map((e) => e.to));
  const reading = [...new Set([...readers].map((l) => unitOf.get(l)!))];
  if (reading.length < 2) return false;
  return repeatsOf(units).some((r) => {
    const end = r.first + r.period * r.count;
    if (unitOf.get(source)! >= r.first && unitOf.get(source)! < end) return false;
    if (!reading.every((u) => u >= r.first && u < end)) return false;
    const where = (copy: number) =>
      units
        .slice(r.first + copy * r.period, r.first + (copy + 1) * r.period)
        .flatMap((u, k) => u.layers.flatMap((l, j) => (readers.has(l) ? [`${k}.${j}`] : [])))
        .join();
    return Array.from({ length: r.count }, (_, copy) => where(copy)).every((w, _, all) => w !== '' && w === all[0]);
  });
}

/** The units of the model, with `sides` as side inputs. */
function split(graph: LayerGraph, sides: ReadonlySet<string>): Unit[] {
  const position = positions(graph, sides);
  const info = [...graph.layers].sort((a, b) => position.get(a.name)! - position.get(b.name)!);
  const cut = cutPositions(graph, info, position, sides);
  const pieces: { layers: number[]; kind: Unit['kind'] }[] = [];
  for (let p = 0; p < info.length; ) {
    if (!cut[p]) {
      // Layers off the cut run up to the next cut, the merge that closes the block.
      let end = p;
      while (end < info.length && !cut[end]) end++;
      // Further inputs that only join at the merge (a GAN's real data) open no parallel paths: each is a layer of its own.
      if (info.slice(p, end).every((l) => l.className === 'InputLayer')) {
        for (; p < end; p++) pieces.push({ layers: [p], kind: 'layer' });
        continue;
      }
      const layers = Array.from({ length: Math.min(end, info.length - 1) - p + 1 }, (_, k) => p + k);
      pieces.push({ layers, kind: 'block' });
      p = end + 1;
      continue;
    }
    const previous = pieces.at(-1);
    if (previous?.kind === 'block' && followsAsActivation(graph, info, previous.layers.at(-1)!, p)) previous.layers.push(p);
    else pieces.push({ layers: [p], kind: 'layer' });
    p++;
  }
  return pieces.map(({ layers, kind }) => {
    const names = layers.map((p) => info[p]!.name);
    const members = new Set(names);
    const sideInputs = [...new Set(graph.edges.filter((e) => members.has(e.to) && sides.has(e.from)).map((e) => e.from))].sort((a, b) => position.get(a)! - position.get(b)!);
    return { layers: names, kind, signature: signature(graph, names, sides, position), sideInputs };
  });
}

/** A weightless layer that keeps its input's shape and reads only the layer before it: a block's closing activation. */
function followsAsActivation(graph: LayerGraph, info: readonly LayerInfo[], before: number, p: number): boolean {
  const [previous, layer] = [info[before]!, info[p]!];
  const inbound = graph.edges.filter((e) => e.to === layer.name);
  return layer.params === 0 && inbound.length === 1 && inbound[0]!.from === previous.name && layer.shape.join() === previous.shape.join() && /^(Activation|ReLU|LeakyReLU|ELU|Softmax)$/.test(layer.className);
}

/**
 * Everything that makes two units the same computation, with layer names replaced by their index in
 * the unit; an input from outside is `in`, or `side@<position>` from a side input, the same source
 * for every copy.
 */
function signature(graph: LayerGraph, names: readonly string[], sides: ReadonlySet<string>, position: ReadonlyMap<string, number>): string {
  const index = new Map(names.map((n, k) => [n, k]));
  const info = new Map(graph.layers.map((l) => [l.name, l]));
  const parts = names.map((name) => {
    const l = info.get(name)!;
    const inputs = graph.edges
      .filter((e) => e.to === name)
      .map((e) => (index.has(e.from) ? `${index.get(e.from)}` : sides.has(e.from) ? `side@${position.get(e.from)}` : 'in'));
    return `${l.className}|${l.summary}|${l.shape.join('×')}|${l.params}|${l.fixedParams}|${inputs.join(',')}`;
  });
  return parts.join(';');
}

/** The longest a repeating pattern may be, in units: a Transformer decoder layer's three blocks, each with its norm. */
const MAX_PERIOD = 6;

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
