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

  /** One step from the flat states tfjs's RNN carries: every state and weighting, unflattened. */
  step(x: tf.Tensor2D, states: readonly tf.Tensor2D[]): DncStep {
    const { controller: hUnits, locations: n, width: w, readHeads: r } = this;
    const [outputPrev, cPrev, memoryPrev, usagePrev, precedencePrev, linksPrev, writePrev, readPrev] = states as tf.Tensor2D[];
    const batch = x.shape[0];
    const [hPrev, readsPrev] = tf.split(outputPrev!, [hUnits, r * w], 1);
    // Controller: an LSTM on [x_t; r_{t−1}].
    const z = tf.add(tf.add(tf.matMul(tf.concat([x, readsPrev!], 1), this.kernel!.read() as tf.Tensor2D), tf.matMul(hPrev!, this.recurrentKernel!.read() as tf.Tensor2D)), this.bias!.read());
    const [zi, zf, zc, zo] = tf.split(z, 4, 1);
    const c = tf.add(tf.mul(tf.sigmoid(zf!), cPrev!), tf.mul(tf.sigmoid(zi!), tf.tanh(zc!))) as tf.Tensor2D;
    const h = tf.mul(tf.sigmoid(zo!), tf.tanh(c)) as tf.Tensor2D;
    // Interface vector ξ_t, cut into the heads' parameters.
    const xi = tf.add(tf.matMul(h, this.interfaceKernel!.read() as tf.Tensor2D), this.interfaceBias!.read()) as tf.Tensor2D;
    const [readKeys, readStrengths, writeKey, writeStrength, erase, vector, freeGates, allocationGate, writeGate, modes] = tf.split(
      xi,
      interfaceLayout(this).map((s) => s.size),
      1,
    ) as tf.Tensor2D[];
    const memory0 = tf.reshape(memoryPrev!, [batch, n, w]) as tf.Tensor3D;
    const read0 = tf.reshape(readPrev!, [batch, r, n]) as tf.Tensor3D;
    // Write head: usage, allocation, content lookup on M_{t−1}, then erase and add.
    const u = usage(usagePrev!, writePrev!, retention(tf.sigmoid(freeGates!) as tf.Tensor2D, read0));
    const a = allocation(u);
    const writeContent = tf.squeeze(contentWeighting(memory0, tf.reshape(writeKey!, [batch, 1, w]) as tf.Tensor3D, oneplus(writeStrength!) as tf.Tensor2D), [1]) as tf.Tensor2D;
    const ww = writeWeighting(a, writeContent, tf.sigmoid(allocationGate!) as tf.Tensor2D, tf.sigmoid(writeGate!) as tf.Tensor2D);
    const memory = writeMemory(memory0, ww, tf.sigmoid(erase!) as tf.Tensor2D, vector!);
    // Temporal links, from p_{t−1}; then the precedence moves on.
    const link = links(tf.reshape(linksPrev!, [batch, n, n]) as tf.Tensor3D, ww, precedencePrev!);
    const p = precedence(precedencePrev!, ww);
    // Read heads: backward, content (on M_t) and forward, mixed by the read modes.
    const { forward, backward } = directional(link, read0);
    const readContent = contentWeighting(memory, tf.reshape(readKeys!, [batch, r, w]) as tf.Tensor3D, oneplus(readStrengths!) as tf.Tensor2D);
    const pi = tf.softmax(tf.reshape(modes!, [batch, r, 3])) as tf.Tensor3D;
    const wr = readWeighting(backward, readContent, forward, pi);
    const reads = readVectors(memory, wr);
    return { xi, h, c, reads, memory, usage: u, precedence: p, links: link, write: ww, read: wr, allocation: a, modes: pi };
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
      const next = this.flatState(this.step(x!, states));
      return [next[0]!, ...next];
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
  tf.layers.rnn({ cell: new DncCell({ ...args, name: args.name ? `${args.name}_cell` : undefined }), returnSequences: true, name: args.name });

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
