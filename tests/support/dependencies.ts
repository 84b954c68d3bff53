import * as tf from '@tensorflow/tfjs';

/**
 * What each drawn cell's value directly depends on, measured on the running network with gradients —
 * independently of the tracers and views, which it is used to check.
 *
 * Which tensor holds a drawn group's values is read off the model and the names of the groups the
 * drawing shows: a group is a layer's output, carried on through any layer the drawing does not show
 * that is the sole reader of it (an activation, an identity skip's `Add` into its main path, a role
 * marker, a reshape). Each group is then evaluated from the values of the groups that feed it, all set
 * to random numbers (a batch of them, so a max-pool's every input is the largest at least once), and
 * ∂(its cell k)/∂(source cell j) is taken by `tf.grads`: nonzero anywhere means that j feeds k directly,
 * not through another drawn cell. A recurrent layer is run one step from a random state (its
 * `initialState`), so its own cells at the previous step are sources too (offset 1; −1 for a chain
 * reading the sequence backwards). Each dependency is also measured with every weight matrix of the
 * group's layers set to zero: one that survives has no weight behind it (a carried state, a skip, a
 * read, a sample, a pooling window).
 */
export interface Dependency {
  readonly from: string;
  readonly to: string;
  /** 0 within a step; 1 from the step before (t−1 → t); −1 from the step after (t+1 → t). */
  readonly offset: -1 | 0 | 1;
  /** Survives zeroing the group's weight matrices: no weight carries it. */
  readonly weightless: boolean;
}

/** Layers whose weights are points a unit measures its distance to: zeroing them moves the points, it does not cut the input off. */
const DISTANCE_LAYERS = new Set(['RadialBasis', 'SelfOrganisingMap']);
const BATCH = 16;
/** Sequence length for groups with a time axis: long enough that a softmax over positions is not a constant 1. */
const STEPS = 3;

type Layer = tf.layers.Layer;
interface Recurrent extends Layer {
  readonly cell: { stateSize: number | number[] };
  readonly goBackwards?: boolean;
}
interface Wrapper extends Layer {
  readonly forwardLayer: Recurrent;
  readonly backwardLayer: Recurrent;
}
const isWrapper = (l: Layer): l is Wrapper => 'forwardLayer' in l && 'backwardLayer' in l;
const isRecurrent = (l: Layer): l is Recurrent => 'cell' in l && !isWrapper(l);
/**
 * A layer whose units are its input's cells, updated in place one at a time until they settle (a
 * Hopfield network): its output depends on every unit through every other, so what one unit reads
 * directly is measured on the step it repeats, `updateUnit(state, k)` (unit k updated, the rest kept).
 */
interface Settling extends Layer {
  updateUnit(state: tf.Tensor2D, unit: number): tf.Tensor2D;
}
const isSettling = (l: Layer): l is Settling => typeof (l as Partial<Settling>).updateUnit === 'function';
/**
 * A layer that computes several drawn groups (its parts) at every step, each from the layer's input
 * and other parts at this step or the one before (a Neural Turing Machine's controller, heads,
 * weightings, memory and read vector; a DNC's cell, exposed through its RNN), and outputs some of them side by side. It runs by calling
 * `evaluatePart` step by step, so measuring each part through it measures the running layer.
 */
interface Parted extends Layer {
  readonly parts: readonly string[];
  readonly outputParts: readonly string[];
  partShape(part: string): number[];
  partSources(part: string): readonly { readonly from: string; readonly offset: 0 | 1 }[];
  evaluatePart(part: string, sources: readonly tf.Tensor[]): tf.Tensor;
}
const isParted = (l: Layer): l is Parted => 'partSources' in l && 'evaluatePart' in l && 'parts' in l;

const inboundOf = (layer: Layer): Layer[] => (layer.inboundNodes[0]?.inboundLayers ?? []) as Layer[];

/** Where the cells of each drawn group live: the tensor that holds them, and how a cell index maps into it. */
interface Carrier {
  /** The layer the group is named after (an input, or the layer that computes it). */
  readonly origin: string;
  /** The layers computing the group, head first; for an input, only layers that carry it on (noise). */
  readonly chain: readonly Layer[];
  /** Cells drawn for the group: the number of its data-node elements. */
  readonly cells: number;
}

/** Runs `measure` with every weight matrix of `layers` set to zero, then puts the weights back. */
function withWeightsZeroed<T>(layers: readonly Layer[], measure: () => T): T {
  const weights = layers.flatMap((l) => l.weights.filter((w) => w.shape.length >= 2));
  const saved = weights.map((w) => w.read().clone());
  try {
    weights.forEach((w) => w.write(tf.zerosLike(w.read())));
    return measure();
  } finally {
    weights.forEach((w, i) => w.write(saved[i]!));
    tf.dispose(saved);
  }
}

/** Shape of a layer's output with the batch and any unknown (time) dimension filled in. */
const shapeOf = (layer: Layer, time: number): number[] => {
  const shape = (Array.isArray(layer.outputShape[0]) ? layer.outputShape[0] : layer.outputShape) as (number | null)[];
  return [BATCH, ...shape.slice(1).map((d) => d ?? time)];
};

/**
 * Tensor [batch, …] → [batch, positions, cells, values]: where the group's `cells` sit in the value. Every
 * number is a cell (a convolution's map), or one axis holds the cells — the last (features at each time
 * step or source position), or an earlier one whose trailing axes are each cell's vector (a capsule's
 * pose) — with the axes before it as positions; one cell holding everything (an attention score over
 * every pair of positions) is the last case with nothing before.
 */
function asCells(x: tf.Tensor, cells: number): tf.Tensor4D {
  const [batch, ...rest] = x.shape as number[];
  const all = rest.reduce((a, b) => a * b, 1);
  if (cells === all) return x.reshape([batch!, 1, cells, 1]);
  for (let axis = rest.length - 1; axis >= 0; axis--)
    if (rest[axis] === cells) {
      const positions = rest.slice(0, axis).reduce((a, b) => a * b, 1);
      return x.reshape([batch!, positions, cells, all / positions / cells]);
    }
  if (cells === 1) return x.reshape([batch!, 1, 1, all]);
  throw new Error(`cannot map ${cells} drawn cells onto a value of shape [${x.shape.join(', ')}]`);
}

/** One step of a recurrent layer from `states`: its cell's own call, so no sequence loop (and no unstack) is in the way. */
function step(layer: Recurrent, x: tf.Tensor, states: tf.Tensor[]): tf.Tensor {
  const [h] = (layer.cell as unknown as { call(inputs: tf.Tensor[], kwargs: object): tf.Tensor[] }).call([x.squeeze([1]), ...states], {});
  return layer.getConfig().returnSequences ? h!.expandDims(1) : h!;
}

/**
 * A settling layer's units read each other: unit k depends on unit j (j ≠ k) where flipping j's sign
 * changes k's update from some state (random ±1 states, a batch of them). Each is also measured with
 * the weights zeroed: none survives, since without its weights a unit reads nothing.
 */
function settlingDependencies(layer: Settling, group: string, cells: number): Dependency[] {
  const measure = (): boolean[][] =>
    tf.tidy(() => {
      const random = tf.randomUniform([BATCH, cells], 0, 1, 'float32', 301).greaterEqual(0.5).toFloat().mul(2).sub(1) as tf.Tensor2D;
      const reads = Array.from({ length: cells }, () => Array<boolean>(cells).fill(false));
      for (let k = 0; k < cells; k++) {
        const before = layer.updateUnit(random, k).slice([0, k], [-1, 1]);
        for (let j = 0; j < cells; j++) {
          if (j === k) continue;
          const flip = tf.oneHot(tf.fill([BATCH], j, 'int32'), cells).mul(-2).add(1);
          const after = layer.updateUnit(random.mul(flip) as tf.Tensor2D, k).slice([0, k], [-1, 1]);
          if (after.sub(before).abs().sum().dataSync()[0]! > 0) reads[j]![k] = true;
        }
      }
      return reads;
    });
  const full = measure();
  const zeroed = withWeightsZeroed([layer], measure);
  return full.flatMap((row, j) => row.flatMap((on, k) => (on ? [{ from: `${group}.${j}`, to: `${group}.${k}`, offset: 0 as const, weightless: zeroed[j]![k]! }] : [])));
}

/**
 * Measures every direct dependency between drawn cells, and which groups hold the model's outputs.
 * `groups` maps each group the drawing shows to its number of drawn cells (the diagram configuration
 * draws them all).
 */
export function measureDependencies(model: tf.LayersModel, groups: ReadonlyMap<string, number>): { dependencies: Dependency[]; outputs: Set<string> } {
  const readers = new Map<string, Layer[]>();
  for (const layer of model.layers) for (const from of inboundOf(layer)) readers.set(from.name, [...(readers.get(from.name) ?? []), layer]);

  // Each layer's output → the group it carries, and each group's chain of layers.
  const ownerOf = new Map<string, string>();
  const carriers = new Map<string, Carrier>();
  const parts = new Map<string, readonly string[]>();
  const parted: Parted[] = [];
  for (const layer of model.layers) {
    if (isParted(layer) && layer.parts.every((p) => groups.has(p))) {
      parts.set(layer.name, layer.outputParts);
      ownerOf.set(layer.name, layer.name);
      parted.push(layer);
      continue;
    }
    if (isWrapper(layer) && groups.has(layer.forwardLayer.name) && groups.has(layer.backwardLayer.name)) {
      parts.set(layer.name, [layer.forwardLayer.name, layer.backwardLayer.name]);
      for (const part of [layer.forwardLayer, layer.backwardLayer]) carriers.set(part.name, { origin: part.name, chain: [part], cells: groups.get(part.name)! });
      ownerOf.set(layer.name, layer.name);
      continue;
    }
    if (groups.has(layer.name)) {
      ownerOf.set(layer.name, layer.name);
      carriers.set(layer.name, { origin: layer.name, chain: layer.getClassName() === 'InputLayer' ? [] : [layer], cells: groups.get(layer.name)! });
      continue;
    }
    // A layer the drawing does not show extends the group of the last input it is the only reader of,
    // a computed group before an input (real data fed in beside a computed value does not carry it).
    const candidates = inboundOf(layer).filter((from) => readers.get(from.name)?.length === 1 && ownerOf.has(from.name));
    const computed = candidates.filter((from) => carriers.get(ownerOf.get(from.name)!)?.chain[0]?.name === ownerOf.get(from.name));
    const extended = (computed.length > 0 ? computed : candidates).at(-1);
    if (!extended) throw new Error(`layer "${layer.name}" (${layer.getClassName()}) is not drawn and extends no drawn group`);
    const owner = ownerOf.get(extended.name)!;
    if (parts.has(owner)) throw new Error(`layer "${layer.name}" extends a bidirectional layer's concatenated output, which no check here maps`);
    ownerOf.set(layer.name, owner);
    const carrier = carriers.get(owner)!;
    carriers.set(owner, { ...carrier, chain: [...carrier.chain, layer] });
  }
  /** The layer whose output holds a group's values: the last of its chain. */
  const endOf = new Map<string, string>();
  for (const [name, owner] of ownerOf) endOf.set(owner, name);

  const dependencies: Dependency[] = [];
  for (const [group, carrier] of carriers) {
    const settling = carrier.chain.find(isSettling);
    if (settling) {
      dependencies.push(...settlingDependencies(settling, group, carrier.cells));
      continue;
    }
    // An input's cells hold what is fed in: nothing in the network computes them.
    if (carrier.chain.length === 0 || carrier.chain[0]!.name !== carrier.origin) continue;
    const recurrent = isRecurrent(carrier.chain[0]!) ? carrier.chain[0] : undefined;
    // Sources: the group tensors the chain reads (bidirectional parts read the wrapper's input).
    const head = carrier.chain[0]!;
    const wrapper = model.layers.find((l) => isWrapper(l) && (l.forwardLayer.name === group || l.backwardLayer.name === group));
    const headInbound = wrapper ? inboundOf(wrapper) : inboundOf(head);
    const sources: { name: string; layer: Layer }[] = [];
    const inChain = new Set(carrier.chain.map((l) => l.name));
    for (const layer of carrier.chain)
      for (const from of layer === head ? headInbound : inboundOf(layer))
        if (!inChain.has(from.name) && !sources.some((s) => s.name === from.name)) {
          const owner = ownerOf.get(from.name);
          if (owner === undefined || endOf.get(owner) !== from.name) throw new Error(`group "${group}" reads "${from.name}", which holds no drawn group's values`);
          sources.push({ name: from.name, layer: from });
        }
    const stateSizes = recurrent ? [recurrent.cell.stateSize].flat() : [];

    const evaluate = (...xs: tf.Tensor[]): tf.Tensor => {
      const value = new Map(sources.map((s, i) => [s.name, xs[i]!]));
      const states = xs.slice(sources.length);
      let current: tf.Tensor | undefined;
      for (const layer of carrier.chain) {
        const inputs = (layer === head ? headInbound : inboundOf(layer)).map((from) => (inChain.has(from.name) ? current! : value.get(from.name)!));
        const input = inputs.length === 1 ? inputs[0]! : inputs;
        current = layer === recurrent ? step(recurrent, input as tf.Tensor, states) : (layer.apply(input) as tf.Tensor);
      }
      return current!;
    };

    const widths = (): number[] => [...sources.map((src) => sourceCells(src.name)), ...stateSizes];
    const randomInputs = (): tf.Tensor[] => [
      // A recurrent group runs one step: its sources at that step only.
      ...sources.map((src, i) => tf.randomNormal(shapeOf(src.layer, recurrent ? 1 : STEPS), 0, 1, 'float32', 101 + i)).map((x) => (recurrent ? x.slice(0, [BATCH, 1]) : x)),
      ...stateSizes.map((n, i) => tf.randomNormal([BATCH, n], 0, 1, 'float32', 201 + i)),
    ];
    /** depends[input][j][k]: cell j of that input (a source group, or the group's own state) feeds cell k. */
    const none = (): boolean[][][] => widths().map((w) => Array.from({ length: w }, () => Array<boolean>(carrier.cells).fill(false)));
    const byGradient = (): boolean[][][] => {
      const depends = none();
      tf.tidy(() => {
        const xs = randomInputs();
        for (let k = 0; k < carrier.cells; k++) {
          const gradients = tf.grads((...inputs: tf.Tensor[]) => asCells(evaluate(...inputs), carrier.cells).slice([0, 0, k, 0], [-1, -1, 1, -1]).sum())(xs);
          gradients.forEach((g, input) =>
            asCells(g.abs(), depends[input]!.length)
              .sum([0, 1, 3])
              .dataSync()
              .forEach((v, j) => {
                if (v > 0) depends[input]![j]![k] = true;
              }),
          );
        }
      });
      return depends;
    };
    /**
     * Where every gradient is zero (a step function, a winner-take-all), perturbation instead: shift
     * one source cell by ±2 at every position and see which cells change.
     */
    const byPerturbation = (): boolean[][][] => {
      const depends = none();
      tf.tidy(() => {
        const xs = randomInputs();
        const before = asCells(evaluate(...xs), carrier.cells);
        xs.forEach((x, input) => {
          const width = depends[input]!.length;
          for (let j = 0; j < width; j++)
            for (const delta of [2, -2]) {
              const shift = asCells(tf.zerosLike(x), width).bufferSync();
              for (let b = 0; b < shift.shape[0]; b++) for (let p = 0; p < shift.shape[1]; p++) for (let v = 0; v < shift.shape[3]; v++) shift.set(delta, b, p, j, v);
              const moved = xs.map((y, i) => (i === input ? y.add(shift.toTensor().reshape(y.shape)) : y));
              asCells(evaluate(...moved), carrier.cells)
                .sub(before)
                .abs()
                .sum([0, 1, 3])
                .dataSync()
                .forEach((v, k) => {
                  if (v > 1e-6) depends[input]![j]![k] = true;
                });
            }
        });
      });
      return depends;
    };
    const measure = (): boolean[][][] => {
      const gradient = byGradient();
      return gradient.some((m) => m.some((row) => row.some(Boolean))) ? gradient : byPerturbation();
    };
    const sourceCells = (name: string): number => {
      const owner = ownerOf.get(name)!;
      const split = parts.get(owner);
      return split ? split.reduce((n, p) => n + groups.get(p)!, 0) : groups.get(owner)!;
    };
    /** Source cell j of input s → the drawn cell it is. */
    const cellOf = (s: number, j: number): string => {
      if (s >= sources.length) return `${group}.${j}`;
      const owner = ownerOf.get(sources[s]!.name)!;
      const split = parts.get(owner);
      if (!split) return `${owner}.${j}`;
      let rest = j;
      for (const part of split) {
        if (rest < groups.get(part)!) return `${part}.${rest}`;
        rest -= groups.get(part)!;
      }
      throw new Error(`cell ${j} of "${owner}" is beyond its parts ${split.join(', ')}`);
    };

    const full = measure();
    const zeroed = DISTANCE_LAYERS.has(head.getClassName()) ? full.map((m) => m.map((row) => row.map(() => false))) : withWeightsZeroed(carrier.chain, measure);

    const offset: -1 | 1 = recurrent?.goBackwards ? -1 : 1;
    full.forEach((matrix, s) =>
      matrix.forEach((row, j) =>
        row.forEach((on, k) => {
          if (on) dependencies.push({ from: cellOf(s, j), to: `${group}.${k}`, offset: s >= sources.length ? offset : 0, weightless: zeroed[s]![j]![k]! });
        }),
      ),
    );
  }
  for (const layer of parted) dependencies.push(...partDependencies(layer, groups, ownerOf));
  // The groups holding the model's outputs: the only cells allowed to feed nothing.
  const outputs = new Set(model.outputLayers.flatMap((l) => parts.get(ownerOf.get(l.name)!) ?? [ownerOf.get(l.name)!]));
  return { dependencies, outputs };
}

/**
 * Each part of a parted layer, evaluated from random values of its direct sources (the layer's input,
 * parts at this step, parts at the step before): ∂(part cell k)/∂(source cell j) by gradients, or by
 * perturbation where every gradient is zero, and again with the layer's weight matrices zeroed.
 */
function partDependencies(layer: Parted, groups: ReadonlyMap<string, number>, ownerOf: ReadonlyMap<string, string>): Dependency[] {
  const [input] = inboundOf(layer);
  const inputOwner = ownerOf.get(input!.name)!;
  const features = (input!.outputShape as (number | null)[]).at(-1)!;
  const dependencies: Dependency[] = [];
  for (const part of layer.parts) {
    const sources = layer.partSources(part);
    const shapes = sources.map((s) => (s.from === 'input' ? [features] : layer.partShape(s.from)));
    const cells = groups.get(part)!;
    /** [batch, cells, values]: the first axis after the batch holds the cells. */
    const byCell = (x: tf.Tensor): tf.Tensor3D => x.reshape([BATCH, x.shape[1]!, -1]);
    const measure = (): boolean[][][] => {
      const depends = shapes.map((shape) => Array.from({ length: shape[0]! }, () => Array<boolean>(cells).fill(false)));
      tf.tidy(() => {
        // Positive: inside the running layer weightings and sharpened values are ≥ 0 (a negative one has no real power).
        const xs = shapes.map((shape, i) => tf.randomNormal([BATCH, ...shape], 0, 1, 'float32', 301 + i).abs());
        const evaluate = (...inputs: tf.Tensor[]) => byCell(layer.evaluatePart(part, inputs));
        let any = false;
        for (let k = 0; k < cells; k++)
          tf.grads((...inputs: tf.Tensor[]) => evaluate(...inputs).slice([0, k, 0], [-1, 1, -1]).sum())(xs).forEach((g, s) =>
            byCell(g.abs()).sum([0, 2]).dataSync().forEach((v, j) => {
              if (v > 0) any = depends[s]![j]![k] = true;
            }),
          );
        if (any) return;
        const before = evaluate(...xs);
        xs.forEach((_, s) => {
          for (let j = 0; j < shapes[s]![0]!; j++)
            for (const delta of [2, -2]) {
              const shift = tf.buffer([BATCH, shapes[s]![0]!, 1]);
              for (let b = 0; b < BATCH; b++) shift.set(delta, b, j, 0);
              const moved = xs.map((y, i) => (i === s ? byCell(y).add(shift.toTensor()).reshape(y.shape) : y));
              evaluate(...moved).sub(before).abs().sum([0, 2]).dataSync().forEach((v, k) => {
                if (v > 1e-6) depends[s]![j]![k] = true;
              });
            }
        });
      });
      return depends;
    };
    const full = measure();
    const zeroed = withWeightsZeroed([layer], measure);
    sources.forEach((source, s) =>
      full[s]!.forEach((row, j) =>
        row.forEach((on, k) => {
          if (on) dependencies.push({ from: `${source.from === 'input' ? inputOwner : source.from}.${j}`, to: `${part}.${k}`, offset: source.offset, weightless: zeroed[s]![j]![k]! });
        }),
      ),
    );
  }
  return dependencies;
}
