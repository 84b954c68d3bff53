import * as tf from '@tensorflow/tfjs';
import { contentWeighting } from '../memory/content-addressing';
import {
  allocation,
  directional,
  links,
  precedence,
  readVectors,
  readWeighting,
  retention,
  usage,
  writeMemory,
  writeWeighting,
} from '../memory/dnc-memory';

export interface DncCellArgs {
  /** LSTM units of the controller. */
  readonly controller: number;
  /** Memory locations N. */
  readonly locations: number;
  /** Numbers per location W. */
  readonly width: number;
  /** Read heads R (one write head). */
  readonly readHeads: number;
  readonly seed: number;
  readonly name?: string;
}

/** The sizes a DNC's interface vector and states are cut into. */
export interface DncSizes {
  readonly controller: number;
  readonly locations: number;
  readonly width: number;
  readonly readHeads: number;
}

/**
 * The interface vector ξ_t, in order: what each slice is, and how many numbers it holds. The
 * controller emits it through one trained matrix (W_ξ); the heads read it.
 */
export function interfaceLayout({ width: w, readHeads: r }: DncSizes): readonly { readonly name: string; readonly size: number }[] {
  return [
    { name: 'read keys kʳ', size: r * w },
    { name: 'read strengths βʳ', size: r },
    { name: 'write key kʷ', size: w },
    { name: 'write strength βʷ', size: 1 },
    { name: 'erase e', size: w },
    { name: 'write vector v', size: w },
    { name: 'free gates fʳ', size: r },
    { name: 'allocation gate gᵃ', size: 1 },
    { name: 'write gate gʷ', size: 1 },
    { name: 'read modes πʳ', size: 3 * r },
  ];
}

/** The slices of ξ the write head uses; the rest (read keys, strengths, free gates, modes) are the read heads'. */
export const WRITE_SLICES: ReadonlySet<string> = new Set(['write key kʷ', 'write strength βʷ', 'erase e', 'write vector v', 'allocation gate gᵃ', 'write gate gʷ']);

/** Which columns of ξ each head group holds, in order: the cells of the write head and of the read heads. */
export function headColumns(sizes: DncSizes): { readonly write: number[]; readonly read: number[] } {
  const write: number[] = [];
  const read: number[] = [];
  let column = 0;
  for (const { name, size } of interfaceLayout(sizes)) for (let k = 0; k < size; k++) (WRITE_SLICES.has(name) ? write : read).push(column++);
  return { write, read };
}

export const interfaceSize = (sizes: DncSizes): number => interfaceLayout(sizes).reduce((n, s) => n + s.size, 0);

/**
 * The recurrent state, in the order tfjs's RNN carries it: first [h; r] (the controller's output and
 * the read vectors, which is also the cell's output), then the controller's cell state c, memory M
 * (N·W, row by row), usage u, precedence p, links L (N·N), write weighting wʷ and read weightings wʳ (R·N).
 */
export function stateLayout({ controller: h, locations: n, width: w, readHeads: r }: DncSizes) {
  return { output: h + r * w, cell: h, memory: n * w, usage: n, precedence: n, links: n * n, write: n, read: r * n } as const;
}

/** 1 + softplus(x): a key strength ≥ 1, as the paper's "oneplus". */
const oneplus = (x: tf.Tensor): tf.Tensor => tf.add(1, tf.softplus(x));

/** Every weighting and state of one step, for the tests and the demo's heat maps (batch first). */
// A type, not an interface: tf.tidy returns it as a TensorContainer.
export type DncStep = {
  /** The interface vector ξ_t, before the heads' activations. */
  readonly xi: tf.Tensor2D;
  readonly h: tf.Tensor2D;
  readonly c: tf.Tensor2D;
  readonly reads: tf.Tensor3D;
  readonly memory: tf.Tensor3D;
  readonly usage: tf.Tensor2D;
  readonly precedence: tf.Tensor2D;
  readonly links: tf.Tensor3D;
  readonly write: tf.Tensor2D;
  readonly read: tf.Tensor3D;
  readonly allocation: tf.Tensor2D;
  readonly modes: tf.Tensor3D;
};

/**
 * The groups one step computes (each drawn as a group of cells), in the order it computes them:
 *   controller       LSTM on [x_t; r_{t−1}]: h_t and c_t of each unit         (trained kernels, bias)
 *   read_heads       the read heads' slices of ξ_t = W_ξ h_t + b_ξ            (trained W_ξ, b_ξ)
 *   write_head       the write head's slices of ξ_t
 *   usage            u_t from u_{t−1}, wʷ_{t−1}, wʳ_{t−1} and the free gates
 *   write_weighting  wʷ_t from allocation (u_t), content lookup on M_{t−1} and the gates
 *   memory           M_t = M_{t−1} ⊙ (1 − wʷ_t eᵀ) + wʷ_t vᵀ
 *   precedence       p_t from p_{t−1} and wʷ_t
 *   links            L_t from L_{t−1}, wʷ_t and p_{t−1} (its diagonal, always 0, left out)
 *   read_weighting   wʳ_t from L_t, wʳ_{t−1}, content lookup on M_t and the read modes
 *   reads            r_t = M_tᵀ wʳ_t
 * `call` runs exactly these per-part functions (`evaluatePart`), so what the tests measure of a part
 * is what the layer runs.
 */
export type DncPart = 'controller' | 'read_heads' | 'write_head' | 'usage' | 'write_weighting' | 'memory' | 'precedence' | 'links' | 'read_weighting' | 'reads';
export const DNC_PARTS: readonly DncPart[] = ['controller', 'read_heads', 'write_head', 'usage', 'write_weighting', 'memory', 'precedence', 'links', 'read_weighting', 'reads'];
/** The parts the cell outputs side by side: [h_t; r_t]. */
export const DNC_OUTPUT_PARTS: readonly DncPart[] = ['controller', 'reads'];

/** A direct source of a part: the cell's input, or a part at this step (offset 0) or the previous one (1). */
export interface DncPartSource {
  readonly from: DncPart | 'input';
  readonly offset: 0 | 1;
}

const DNC_SOURCES: Readonly<Record<DncPart, readonly DncPartSource[]>> = {
  controller: [{ from: 'input', offset: 0 }, { from: 'reads', offset: 1 }, { from: 'controller', offset: 1 }],
  read_heads: [{ from: 'controller', offset: 0 }],
  write_head: [{ from: 'controller', offset: 0 }],
  usage: [{ from: 'usage', offset: 1 }, { from: 'write_weighting', offset: 1 }, { from: 'read_heads', offset: 0 }, { from: 'read_weighting', offset: 1 }],
  write_weighting: [{ from: 'write_head', offset: 0 }, { from: 'usage', offset: 0 }, { from: 'memory', offset: 1 }],
  memory: [{ from: 'memory', offset: 1 }, { from: 'write_weighting', offset: 0 }, { from: 'write_head', offset: 0 }],
  precedence: [{ from: 'precedence', offset: 1 }, { from: 'write_weighting', offset: 0 }],
  links: [{ from: 'links', offset: 1 }, { from: 'write_weighting', offset: 0 }, { from: 'precedence', offset: 1 }],
  read_weighting: [{ from: 'read_heads', offset: 0 }, { from: 'memory', offset: 0 }, { from: 'links', offset: 0 }, { from: 'read_weighting', offset: 1 }],
  reads: [{ from: 'memory', offset: 0 }, { from: 'read_weighting', offset: 0 }],
};

/**
 * The Differentiable Neural Computer of Graves et al. (2016) as a tfjs RNN cell: an LSTM controller
 * reads [x_t; r_{t−1}], emits the interface vector ξ_t = W_ξ h_t + b_ξ, and one write head and R read
 * heads use it on an N×W memory (src/network/memory/dnc-memory.ts). Output [h_t; r_t]: a Dense layer
 * on top makes y_t = W_y [h_t; r_t], as in the paper.
 *
 * Weights: `kernel` [inputs + R·W, 4H] and `recurrent_kernel` [H, 4H] (tfjs's LSTM layout, gate
 * blocks i, f, c̃, o), `bias` [4H] (forget gate 1), `interface_kernel` [H, |ξ|], `interface_bias`.
 * Memory, usage, links and weightings are state, not weights: they start at 0 for each sequence.
 */
export class DncCell extends tf.layers.Layer {
  static readonly className = 'DncCell';
  readonly controller: number;
  readonly locations: number;
  readonly width: number;
  readonly readHeads: number;
  readonly seed: number;
  readonly stateSize: number[];
  declare dropoutMask: tf.Tensor | tf.Tensor[];
  declare recurrentDropoutMask: tf.Tensor | tf.Tensor[];
  private kernel?: tf.LayerVariable;
  private recurrentKernel?: tf.LayerVariable;
  private bias?: tf.LayerVariable;
  private interfaceKernel?: tf.LayerVariable;
  private interfaceBias?: tf.LayerVariable;

  constructor(args: DncCellArgs) {
    super({ name: args.name });
    for (const key of ['controller', 'locations', 'width', 'readHeads'] as const)
      if (!Number.isInteger(args[key]) || args[key] < 1) throw new Error(`DncCell: expected ${key} to be a positive integer, but got ${args[key]}`);
    this.controller = args.controller;
    this.locations = args.locations;
    this.width = args.width;
    this.readHeads = args.readHeads;
    this.seed = args.seed;
    this.stateSize = Object.values(stateLayout(this));
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const inputs = shape.at(-1);
    if (typeof inputs !== 'number') throw new Error(`DncCell: expected a fixed input size, but got ${inputs}`);
    const h = this.controller;
    this.kernel = this.addWeight('kernel', [inputs + this.readHeads * this.width, 4 * h], 'float32', tf.initializers.glorotUniform({ seed: this.seed }));
    this.recurrentKernel = this.addWeight('recurrent_kernel', [h, 4 * h], 'float32', tf.initializers.orthogonal({ seed: this.seed + 1 }));
    this.bias = this.addWeight('bias', [4 * h], 'float32', tf.initializers.zeros());
    tf.tidy(() => void this.bias!.write(tf.concat([tf.zeros([h]), tf.ones([h]), tf.zeros([2 * h])])));
    this.interfaceKernel = this.addWeight('interface_kernel', [h, interfaceSize(this)], 'float32', tf.initializers.glorotUniform({ seed: this.seed + 2 }));
    this.interfaceBias = this.addWeight('interface_bias', [interfaceSize(this)], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  /** Cells of each part (see DNC_PARTS): the links without their diagonal, which is always 0. */
  partSize(part: DncPart): number {
    const { controller: h, locations: n, width: w, readHeads: r } = this;
    const columns = headColumns(this);
    return { controller: h, read_heads: columns.read.length, write_head: columns.write.length, usage: n, write_weighting: n, memory: n * w, precedence: n, links: n * (n - 1), read_weighting: r * n, reads: r * w }[part];
  }

  /** A part's value at one step, without the batch: [cells], or [H, 2] for the controller (h and c of each unit). */
  partShape(part: DncPart): number[] {
    return part === 'controller' ? [this.controller, 2] : [this.partSize(part)];
  }

  /** What a part's value is computed from, directly. */
  partSources(part: DncPart): readonly DncPartSource[] {
    return DNC_SOURCES[part];
  }

  /** Each slice of ξ a head group holds, by name, cut from that group's value [batch, cells]. */
  private slicesOf(value: tf.Tensor2D, group: 'read_heads' | 'write_head'): Map<string, tf.Tensor2D> {
    const out = new Map<string, tf.Tensor2D>();
    let at = 0;
    for (const { name, size } of interfaceLayout(this))
      if (WRITE_SLICES.has(name) === (group === 'write_head')) {
        out.set(name, tf.slice(value, [0, at], [-1, size]));
        at += size;
      }
    return out;
  }

  /** ξ_t = W_ξ h_t + b_ξ, from the controller's value [batch, H, 2]. */
  private interfaceVector(controller: tf.Tensor): tf.Tensor2D {
    const h = tf.squeeze(tf.slice(controller, [0, 0, 0], [-1, -1, 1]), [2]) as tf.Tensor2D;
    return tf.add(tf.matMul(h, this.interfaceKernel!.read() as tf.Tensor2D), this.interfaceBias!.read()) as tf.Tensor2D;
  }

  /** Flat index into the links' N·N of each drawn link cell (row by row, diagonal left out), and back (diagonal → −1). */
  private linkIndices(): { off: number[]; full: number[] } {
    const n = this.locations;
    const off: number[] = [];
    const full: number[] = [];
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        full.push(i === j ? -1 : off.length);
        if (i !== j) off.push(i * n + j);
      }
    return { off, full };
  }

  /** Links [batch, N·N] → the drawn cells [batch, N(N−1)]. */
  offDiagonal(links: tf.Tensor): tf.Tensor2D {
    return tf.gather(tf.reshape(links, [links.shape[0]!, -1]), this.linkIndices().off, 1) as tf.Tensor2D;
  }

  /** The drawn link cells [batch, N(N−1)] → links [batch, N, N] with a 0 diagonal. */
  fullLinks(off: tf.Tensor): tf.Tensor3D {
    const batch = off.shape[0]!;
    const padded = tf.concat([tf.zeros([batch, 1]), off], 1);
    return tf.reshape(tf.gather(padded, this.linkIndices().full.map((k) => k + 1), 1), [batch, this.locations, this.locations]) as tf.Tensor3D;
  }

  /**
   * One part's value from its sources' values, in `partSources(part)` order: the input [batch,
   * features], the controller [batch, H, 2] (h, c), every other part [batch, cells].
   */
  evaluatePart(part: DncPart, sources: readonly tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const { locations: n, width: w, readHeads: r } = this;
      const batch = sources[0]!.shape[0]!;
      const s = sources as tf.Tensor2D[];
      switch (part) {
        case 'controller': {
          // An LSTM on [x_t; r_{t−1}].
          const [x, readsPrev, controllerPrev] = sources;
          const hPrev = tf.squeeze(tf.slice(controllerPrev!, [0, 0, 0], [-1, -1, 1]), [2]) as tf.Tensor2D;
          const cPrev = tf.squeeze(tf.slice(controllerPrev!, [0, 0, 1], [-1, -1, 1]), [2]);
          const z = tf.add(tf.add(tf.matMul(tf.concat([x as tf.Tensor2D, readsPrev as tf.Tensor2D], 1), this.kernel!.read() as tf.Tensor2D), tf.matMul(hPrev, this.recurrentKernel!.read() as tf.Tensor2D)), this.bias!.read());
          const [zi, zf, zc, zo] = tf.split(z, 4, 1);
          const c = tf.add(tf.mul(tf.sigmoid(zf!), cPrev), tf.mul(tf.sigmoid(zi!), tf.tanh(zc!)));
          const h = tf.mul(tf.sigmoid(zo!), tf.tanh(c));
          return tf.stack([h, c], 2);
        }
        case 'read_heads':
        case 'write_head': {
          const columns = headColumns(this);
          return tf.gather(this.interfaceVector(sources[0]!), part === 'write_head' ? columns.write : columns.read, 1);
        }
        case 'usage': {
          const [usagePrev, writePrev, heads, readPrev] = s;
          const read0 = tf.reshape(readPrev!, [batch, r, n]) as tf.Tensor3D;
          return usage(usagePrev!, writePrev!, retention(tf.sigmoid(this.slicesOf(heads!, 'read_heads').get('free gates fʳ')!) as tf.Tensor2D, read0));
        }
        case 'write_weighting': {
          const [head, u, memoryPrev] = s;
          const slice = this.slicesOf(head!, 'write_head');
          const memory0 = tf.reshape(memoryPrev!, [batch, n, w]) as tf.Tensor3D;
          const key = tf.reshape(slice.get('write key kʷ')!, [batch, 1, w]) as tf.Tensor3D;
          const content = tf.squeeze(contentWeighting(memory0, key, oneplus(slice.get('write strength βʷ')!) as tf.Tensor2D), [1]) as tf.Tensor2D;
          return writeWeighting(allocation(u!), content, tf.sigmoid(slice.get('allocation gate gᵃ')!) as tf.Tensor2D, tf.sigmoid(slice.get('write gate gʷ')!) as tf.Tensor2D);
        }
        case 'memory': {
          // Erase, then add.
          const [memoryPrev, ww, head] = s;
          const slice = this.slicesOf(head!, 'write_head');
          const memory0 = tf.reshape(memoryPrev!, [batch, n, w]) as tf.Tensor3D;
          return tf.reshape(writeMemory(memory0, ww!, tf.sigmoid(slice.get('erase e')!) as tf.Tensor2D, slice.get('write vector v')!), [batch, n * w]);
        }
        case 'precedence':
          return precedence(s[0]!, s[1]!);
        case 'links': {
          // From p_{t−1}: the precedence before this step's write.
          const [linksPrev, ww, precedencePrev] = s;
          return this.offDiagonal(links(this.fullLinks(linksPrev!), ww!, precedencePrev!));
        }
        case 'read_weighting': {
          // Backward, content (on M_t) and forward, mixed by the read modes.
          const [heads, memoryNow, link, readPrev] = s;
          const slice = this.slicesOf(heads!, 'read_heads');
          const { forward, backward } = directional(this.fullLinks(link!), tf.reshape(readPrev!, [batch, r, n]) as tf.Tensor3D);
          const memory = tf.reshape(memoryNow!, [batch, n, w]) as tf.Tensor3D;
          const content = contentWeighting(memory, tf.reshape(slice.get('read keys kʳ')!, [batch, r, w]) as tf.Tensor3D, oneplus(slice.get('read strengths βʳ')!) as tf.Tensor2D);
          const pi = tf.softmax(tf.reshape(slice.get('read modes πʳ')!, [batch, r, 3])) as tf.Tensor3D;
          return tf.reshape(readWeighting(backward, content, forward, pi), [batch, r * n]);
        }
        case 'reads': {
          const [memoryNow, wr] = s;
          return tf.reshape(readVectors(tf.reshape(memoryNow!, [batch, n, w]) as tf.Tensor3D, tf.reshape(wr!, [batch, r, n]) as tf.Tensor3D), [batch, r * w]);
        }
      }
    });
  }

  /** The previous step's parts (the controller as [batch, H, 2], links without their diagonal) from the flat states tfjs's RNN carries. */
  private previousParts(states: readonly tf.Tensor2D[]): Partial<Record<DncPart, tf.Tensor>> {
    const [outputPrev, cPrev, memoryPrev, usagePrev, precedencePrev, linksPrev, writePrev, readPrev] = states;
    const [hPrev, readsPrev] = tf.split(outputPrev!, [this.controller, this.readHeads * this.width], 1);
    return { controller: tf.stack([hPrev!, cPrev!], 2), reads: readsPrev!, memory: memoryPrev!, usage: usagePrev!, precedence: precedencePrev!, links: this.offDiagonal(linksPrev!), write_weighting: writePrev!, read_weighting: readPrev! };
  }

  /** Every part of one step, in DNC_PARTS order, each computed by evaluatePart from its sources. */
  private stepParts(x: tf.Tensor2D, states: readonly tf.Tensor2D[]): Record<DncPart, tf.Tensor> {
    const previous = this.previousParts(states);
    const now: Partial<Record<DncPart, tf.Tensor>> = {};
    for (const part of DNC_PARTS) now[part] = this.evaluatePart(part, DNC_SOURCES[part].map((s) => (s.from === 'input' ? x : s.offset === 1 ? previous[s.from]! : now[s.from]!)));
    return now as Record<DncPart, tf.Tensor>;
  }

  /** One step from the flat states tfjs's RNN carries: every state and weighting, unflattened. */
  step(x: tf.Tensor2D, states: readonly tf.Tensor2D[]): DncStep {
    const { locations: n, width: w, readHeads: r } = this;
    const batch = x.shape[0];
    const p = this.stepParts(x, states);
    const [h, c] = tf.unstack(p.controller, 2) as tf.Tensor2D[];
    const modes = this.slicesOf(p.read_heads as tf.Tensor2D, 'read_heads').get('read modes πʳ')!;
    return {
      xi: this.interfaceVector(p.controller),
      h: h!,
      c: c!,
      reads: tf.reshape(p.reads, [batch, r, w]) as tf.Tensor3D,
      memory: tf.reshape(p.memory, [batch, n, w]) as tf.Tensor3D,
      usage: p.usage as tf.Tensor2D,
      precedence: p.precedence as tf.Tensor2D,
      links: this.fullLinks(p.links),
      write: p.write_weighting as tf.Tensor2D,
      read: tf.reshape(p.read_weighting, [batch, r, n]) as tf.Tensor3D,
      allocation: allocation(p.usage as tf.Tensor2D),
      modes: tf.softmax(tf.reshape(modes, [batch, r, 3])) as tf.Tensor3D,
    };
  }

  /** The state tfjs's RNN carries, flat, from one step's values: new tensors, so the step's own can be disposed apart. */
  flatState(s: DncStep): tf.Tensor2D[] {
    const batch = s.h.shape[0];
    const flat = (t: tf.Tensor) => tf.reshape(t, [batch, -1]) as tf.Tensor2D;
    return [tf.concat([s.h, flat(s.reads)], 1), tf.clone(s.c), flat(s.memory), tf.clone(s.usage), tf.clone(s.precedence), flat(s.links), tf.clone(s.write), flat(s.read)];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor[] {
    return tf.tidy(() => {
      if (!Array.isArray(inputs) || inputs.length !== 1 + this.stateSize.length)
        throw new Error(`DncCell: expected [x_t, ${this.stateSize.length} states], but got ${Array.isArray(inputs) ? inputs.length : 1} tensor(s)`);
      const [x, ...states] = inputs as tf.Tensor2D[];
      const p = this.stepParts(x!, states);
      const batch = x!.shape[0];
      const [h, c] = tf.unstack(p.controller, 2);
      const output = tf.concat([h!, p.reads], 1);
      const next = [output, c!, p.memory, p.usage, p.precedence, tf.reshape(this.fullLinks(p.links), [batch, -1]), p.write_weighting, p.read_weighting];
      return [output, ...next];
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), controller: this.controller, locations: this.locations, width: this.width, readHeads: this.readHeads, seed: this.seed };
  }
}
tf.serialization.registerClass(DncCell);

/** Whether an RNN layer's cell is a DncCell (by class name: see isMinimalGruCell). */
export function isDncCell(cell: unknown): cell is DncCell {
  return cell instanceof tf.layers.Layer && cell.getClassName() === DncCell.className && typeof (cell as { locations?: unknown }).locations === 'number';
}

/** A DNC over a sequence: tfjs's RNN running a DncCell, outputting [h_t; r_t] at every step. */
export const dnc = (args: DncCellArgs): tf.layers.Layer =>
  new DncRnn({ cell: new DncCell({ ...args, name: args.name ? `${args.name}_cell` : undefined }), returnSequences: true, name: args.name });

/**
 * tfjs's RNN running a DncCell, exposing the cell's parts as the groups the diagram draws
 * (`<layer name>_<part>`), so a check can measure each part from its direct sources.
 */
export class DncRnn extends tf.RNN {
  // Serialised and traced as the RNN it is (its cell is what differs).
  static override className = 'RNN';

  private get dncCell(): DncCell {
    return this.cell as unknown as DncCell;
  }

  private prefixed(part: DncPart): string {
    return `${this.name}_${part}`;
  }

  private own(group: string): DncPart {
    const part = group.slice(this.name.length + 1) as DncPart;
    if (!group.startsWith(`${this.name}_`) || !DNC_PARTS.includes(part)) throw new Error(`DncRnn "${this.name}": no part "${group}"`);
    return part;
  }

  get parts(): readonly string[] {
    return DNC_PARTS.map((p) => this.prefixed(p));
  }

  get outputParts(): readonly string[] {
    return DNC_OUTPUT_PARTS.map((p) => this.prefixed(p));
  }

  partShape(group: string): number[] {
    return this.dncCell.partShape(this.own(group));
  }

  partSources(group: string): readonly { readonly from: string; readonly offset: 0 | 1 }[] {
    return this.dncCell.partSources(this.own(group)).map((s) => ({ from: s.from === 'input' ? 'input' : this.prefixed(s.from), offset: s.offset }));
  }

  evaluatePart(group: string, sources: readonly tf.Tensor[]): tf.Tensor {
    return this.dncCell.evaluatePart(this.own(group), sources);
  }
}

/**
 * Runs the cell over whole sequences [B, T, inputs] from the zero state and returns every step's
 * values (for tests and the demo's heat maps). The caller disposes them.
 */
export function unrollDnc(cell: DncCell, inputs: tf.Tensor3D): DncStep[] {
  const [batch, steps] = inputs.shape;
  let states = cell.stateSize.map((size) => tf.zeros([batch, size]) as tf.Tensor2D);
  const out: DncStep[] = [];
  for (let t = 0; t < steps; t++) {
    const s = tf.tidy(() => cell.step(tf.squeeze(tf.slice(inputs, [0, t, 0], [batch, 1, -1]), [1]) as tf.Tensor2D, states));
    const next = cell.flatState(s);
    tf.dispose(states);
    states = next;
    out.push(s);
  }
  tf.dispose(states);
  return out;
}
