import type * as tf from '@tensorflow/tfjs';
import { TRACERS } from './tracers';
import { outputMatchesInput } from './output-role';
import type { InboundGroup, LayerTracer } from './tracers/types';
import { cellId, type Cell, type CellGraph, type CellType, type Connection, type Group } from './types';
import { GraphError, validateGraph } from './validate';
import { rewritten } from './weight-source';

/**
 * Output cells that keep their own type: a capsule's output is a vector whose length is the score;
 * stochastic units stay what they are when they are the output (a Markov chain's states answer
 * with the probability of being in each; a Boltzmann machine's or an RBM's hidden units answer with
 * the samples they draw); a backfed-input cell is its network's input and its output at once (a
 * Hopfield network's units).
 */
const KEEPS_TYPE_AS_OUTPUT: ReadonlySet<CellType> = new Set(['capsule', 'probabilistic-hidden', 'backfed-input']);

/**
 * The most cells and weights one diagram's trace may build. Drawing no longer limits a group's size —
 * a large group is drawn as a few cells and an ellipsis — but tracing reads every entry of every
 * weight matrix and builds one object per cell and per nonzero weight, and validation, the views and
 * the tests walk them all: time and memory grow with both. Measured on 2 cores: 10⁵ cells with
 * 3·10⁵ weights trace and view in ≈1.5 s; 10⁶ weights in ≈2.6 s and 0.7 GB; 10⁶ cells with 1.1·10⁷
 * weights took over 3 minutes and 2.7 GB. 2·10⁶ keeps a diagram to seconds and inside the default
 * heap, and admits a 1000-unit reservoir (10⁶ recurrent entries).
 */
export const MAX_TRACE_SIZE = 2_000_000;

/** Where a refused size comes from, when it is known before building: the definition and the field. */
export interface SizeSource {
  /** The definition file, e.g. `src/zoo/echo-state-network.ts`. */
  readonly file?: string;
  /** The config by name (`configs.diagram`) and the field that sets the heaviest group (`units`). */
  readonly config?: string;
  readonly field?: string;
  /** The total counts only the weight matrices declared so far (a build stopped part way): a lower bound. */
  readonly atLeast?: boolean;
}

/**
 * Thrown when a network is too large for a cell diagram: before building, from the definition's
 * `size(config)` (then with `source`), or before tracing; names its heaviest group.
 */
export class TooLargeError extends Error {
  constructor(
    readonly architecture: string,
    readonly group: string,
    readonly size: number,
    readonly weightsIn: number,
    readonly total: number,
    readonly source?: SizeSource,
  ) {
    const n = (x: number) => x.toLocaleString('en');
    const config = source?.config ?? 'config';
    const where = source?.field ? `, set by ${config}.${source.field}${source.file ? ` in ${source.file}` : ''}` : source?.file ? `, ${config} of ${source.file}` : '';
    super(
      `${architecture}: group "${group}" (${n(size)} cells, ${n(weightsIn)} weights in${where}) is too large to draw cell by cell: ` +
        `the network's ${n(total)}${source?.atLeast ? ' or more' : ''} cells and weights exceed the ${n(MAX_TRACE_SIZE)} a diagram traces, one object each; draw a smaller configuration`,
    );
    this.name = 'TooLargeError';
  }
}

/** What tracing one layer builds: cells (its units, if it owns any) and weights (nonzero matrix entries). */
export interface GroupSize {
  readonly group: string;
  readonly cells: number;
  readonly weights: number;
}

/** Nonzero entries of a layer's weight matrices (not its biases): the connections tracing them makes. */
function matrixNonzeros(layer: tf.layers.Layer): number {
  let n = 0;
  for (const w of layer.weights) {
    if (w.shape.length !== 2) continue;
    const values = w.read().dataSync();
    for (let i = 0; i < values.length; i++) if (values[i] !== 0) n++;
  }
  return n;
}

const hasMatrix = (layer: tf.layers.Layer): boolean => layer.weights.some((w) => w.shape.length === 2 && w.shape[0]! * w.shape[1]! > 0);

/** Units of a layer's output: the last dimension of its (first) output shape. */
function unitsOf(layer: tf.layers.Layer): number {
  const shape = layer.outputShape;
  const first = Array.isArray(shape[0]) ? (shape[0] as (number | null)[]) : (shape as (number | null)[]);
  return first.at(-1) ?? 0;
}

/**
 * What tracing each layer of a model builds, which MAX_TRACE_SIZE bounds: its cells if it owns any (an
 * input, or a layer with a weight matrix), and the nonzero entries of its weight matrices — a sparse
 * matrix counts the weights it has, not its zeros. Reads the weights, not the graph.
 */
export function traceSizes(model: tf.LayersModel): GroupSize[] {
  return model.layers.map((layer) => {
    const matrix = hasMatrix(layer);
    return {
      group: layer.name,
      cells: layer.getClassName() === 'InputLayer' || matrix ? unitsOf(layer) : 0,
      weights: matrix ? matrixNonzeros(layer) : 0,
    };
  });
}

const weightOf = (s: GroupSize) => s.cells + s.weights;

/** The total of some group sizes and the heaviest group among them. */
export function sizeTotal(sizes: readonly GroupSize[]): { total: number; heaviest: GroupSize | undefined } {
  const total = sizes.reduce((n, s) => n + weightOf(s), 0);
  const heaviest = sizes.reduce<GroupSize | undefined>((best, s) => (best === undefined || weightOf(s) > weightOf(best) ? s : best), undefined);
  return { total, heaviest };
}

/** Refuses a network whose trace would pass MAX_TRACE_SIZE, before any connection is built. */
function checkTraceSize(model: tf.LayersModel, architecture: string): void {
  // Counted from the shapes first: only a network whose every matrix entry would not fit is read for its nonzeros.
  const entries = model.layers.reduce((n, l) => n + unitsOf(l) + l.weights.reduce((m, w) => m + (w.shape.length === 2 ? w.shape[0]! * w.shape[1]! : 0), 0), 0);
  if (entries <= MAX_TRACE_SIZE) return;
  const { total, heaviest } = sizeTotal(traceSizes(model));
  if (total <= MAX_TRACE_SIZE || heaviest === undefined) return;
  throw new TooLargeError(architecture, heaviest.group, heaviest.cells, heaviest.weights, total);
}

/**
 * Reads the cell graph off a built tfjs model: one group per layer that owns units, one connection
 * per nonzero weight (per weight, zero or not, where a unit measures a distance to it: RBF centres,
 * SOM prototypes), trainable exactly when the weight is, and one fixed residual connection per cell
 * of an identity skip (`Add`), which has no weight matrix. A layer that owns several groups and
 * outputs them side by side (a Bidirectional wrapper: ConcatTrace) adds each as a group of its own, and
 * the connections later layers make from the concatenation land on those groups' cells. Nothing here
 * is written by hand.
 * Fails with a TooLargeError, before building any connection, past MAX_TRACE_SIZE (counted by
 * traceSizes). Definitions with `size(config)` are refused earlier, before building (checked-build.ts).
 */
/**
 * One layer's tracing. A tracer refuses what it cannot draw truthfully (an input it does not expect,
 * shapes that disagree) with a plain Error; that refusal is reported as the architecture's GraphError,
 * naming the architecture and the layer. JavaScript's own errors (TypeError…) are bugs and pass through.
 */
function tracedBy(tracer: LayerTracer, layer: tf.layers.Layer, inbound: readonly InboundGroup[], architecture: string): ReturnType<LayerTracer> {
  try {
    return tracer(layer, inbound, layer.name);
  } catch (error) {
    if (error instanceof Error && error.constructor === Error) throw new GraphError(architecture, [error.message]);
    throw error;
  }
}

export function traceModel(model: tf.LayersModel, architecture: string): CellGraph {
  return traceNetwork(model, architecture).graph;
}

/**
 * Where a group's cells hold their values in the running model: the output of layer `layer` (its
 * first output), the cells being entries `offset` … `offset + size − 1` of that output's last axis
 * (a group that is part of a concatenation: a bidirectional layer's forward or backward chain), or,
 * where the output has one entry per cell in all (a convolution's positions × channels), its flat
 * entries. Groups computed inside a layer but not output by it (`ConcatPart.internal`) have none.
 */
export interface CellSource {
  readonly layer: string;
  readonly offset: number;
}

/** A traced network: its cell graph, and where each group's values are found in the model (src/live/). */
export interface TracedNetwork {
  readonly graph: CellGraph;
  readonly cellSources: ReadonlyMap<string, CellSource>;
}

export function traceNetwork(model: tf.LayersModel, architecture: string): TracedNetwork {
  const cellSources = new Map<string, CellSource>();
  const groups: Group[] = [];
  const connections: Connection[] = [];
  /** layer name → the group whose cells carry that layer's output. */
  const carrier = new Map<string, InboundGroup>();
  /**
   * Layers that output several groups side by side (ConcatTrace): the concatenation's id → its
   * real groups, and each of its cell ids → the real cell. Tracers of later layers see a
   * concatenation as one group and name its cells `<layer>.<i>`; their connections are rewritten
   * onto the real cells here, so no tracer needs to know about concatenation.
   */
  const partsOf = new Map<string, readonly string[]>();
  const realCell = new Map<string, string>();
  const realGroups = (id: string | undefined): readonly string[] => (id === undefined ? [] : (partsOf.get(id) ?? [id]));
  const push = (list: readonly Connection[]) => {
    // One by one: push(...list) passes every connection as an argument and overflows the stack near 10⁵.
    for (const c of list)
      connections.push(realCell.size === 0 ? c : rewritten(c, { from: realCell.get(c.from) ?? c.from, to: realCell.get(c.to) ?? c.to }));
  };
  checkTraceSize(model, architecture);

  for (const layer of model.layers) {
    const className = layer.getClassName();
    if (className === 'InputLayer') {
      const shape = layer.batchInputShape;
      const size = shape[shape.length - 1];
      if (typeof size !== 'number') throw new Error(`input "${layer.name}": expected a fixed feature size, but got ${size}`);
      carrier.set(layer.name, { id: layer.name, size, order: groups.length });
      groups.push({ id: layer.name, label: layer.name, layerClass: className, cellType: 'input', size });
      cellSources.set(layer.name, { layer: layer.name, offset: 0 });
      continue;
    }
    const tracer = TRACERS[className];
    if (!tracer) throw new Error(`layer "${layer.name}": no tracer for layer class "${className}" (known: ${Object.keys(TRACERS).join(', ')})`);
    const inbound = (layer.inboundNodes[0]?.inboundLayers ?? []).map((l) => {
      const group = carrier.get(l.name);
      if (!group) throw new Error(`layer "${layer.name}": input layer "${l.name}" was not traced first`);
      return group;
    });
    const traced = tracedBy(tracer, layer, inbound, architecture);
    const retype = traced.kind === 'concat' ? undefined : traced.inboundCellType;
    if (retype) {
      const retyped = new Set(inbound.flatMap((g) => realGroups(g.id)));
      groups.forEach((g, i) => {
        if (retyped.has(g.id)) groups[i] = { ...g, cellType: retype };
      });
    }
    if (traced.kind === 'alias') {
      const group = inbound.find((g) => g.id === traced.of);
      if (!group) throw new Error(`layer "${layer.name}" (${className}): aliases "${traced.of}", which is none of its inputs`);
      carrier.set(layer.name, group);
      push(traced.connections ?? []);
      continue;
    }
    if (traced.kind === 'concat') {
      let offset = 0;
      for (const part of traced.parts) {
        groups.push({
          id: part.id,
          label: part.label ?? part.id,
          layerClass: part.layerClass,
          cellType: part.cellType,
          size: part.size,
          ...(part.notes ? { notes: part.notes } : {}),
        });
        if (!part.internal) {
          cellSources.set(part.id, { layer: layer.name, offset });
          for (let i = 0; i < part.size; i++) realCell.set(cellId(layer.name, offset + i), cellId(part.id, i));
          offset += part.size;
        }
        push(part.connections);
      }
      partsOf.set(layer.name, traced.parts.filter((p) => !p.internal).map((p) => p.id));
      carrier.set(layer.name, { id: layer.name, size: offset, order: groups.length - 1 });
      continue;
    }
    carrier.set(layer.name, { id: layer.name, size: traced.size, order: groups.length });
    cellSources.set(layer.name, { layer: layer.name, offset: 0 });
    groups.push({
      id: layer.name,
      label: layer.name,
      layerClass: className,
      cellType: traced.cellType,
      size: traced.size,
      ...(traced.notes ? { notes: traced.notes } : {}),
      ...(traced.lattice ? { lattice: traced.lattice } : {}),
    });
    push(traced.connections);
  }

  // Cells that carry a model output are output cells, whatever layer made them (capsules and stochastic units excepted);
  // match-input-output cells where the model declares that its output reproduces its input (an autoencoder).
  const outputGroups = new Set(model.outputLayers.flatMap((l) => realGroups(carrier.get(l.name)?.id)));
  const outputType = outputMatchesInput(model) ? ('match-input-output' as const) : ('output' as const);
  const typed = groups.map((g): Group => (outputGroups.has(g.id) && !KEEPS_TYPE_AS_OUTPUT.has(g.cellType) ? { ...g, cellType: outputType } : g));
  const cells: Cell[] = typed.flatMap((g) =>
    Array.from({ length: g.size }, (_, index) => ({ id: cellId(g.id, index), group: g.id, index, type: g.cellType })),
  );
  return { graph: validateGraph({ architecture, groups: typed, cells, connections }), cellSources };
}
