import * as tf from '@tensorflow/tfjs';
import { contentWeighting } from '../memory/content-addressing';

/**
 * A Neural Turing Machine (Graves, Wayne & Danihelka 2014) as one tfjs layer: a feed-forward
 * controller, one write head, one read head and an N × M memory, run over a whole sequence.
 *
 * One step t, in this order (the parts, each a group of cells in the diagram):
 *   controller       h_t = tanh(W x_t + U r_{t−1} + b)                         (trained W, U, b)
 *   write_head       raw write addressing parameters = W_w h_t + b_w           (trained)
 *   erase_add        raw erase and add vectors        = W_e h_t + b_e           (trained)
 *   read_head        raw read parameters   = W_r h_t + b_r                     (trained)
 *   write_weighting  wᵂ_t = address(write parameters, M_{t−1}, wᵂ_{t−1})
 *   memory           M_t(i) = M_{t−1}(i) ⊙ (1 − wᵂ_t(i) e_t) + wᵂ_t(i) a_t     (erase, then add)
 *   read_weighting   wᴿ_t = address(read parameters, M_t, wᴿ_{t−1})
 *   read             r_t = Σ_i wᴿ_t(i) M_t(i)
 * and the layer outputs the read vector r_t at every step, for an output layer to read: whatever the
 * machine answers, it has read from its memory.
 *
 * A head's raw addressing parameters, in order: key k (M, used through tanh), key strength β
 * (softplus), interpolation gate g (sigmoid), shift weighting s over the shifts −1, 0, +1 (softmax),
 * sharpening γ (1 + softplus). The write head also emits an erase vector e (M, sigmoid) and an add
 * vector a (M, tanh), a part of their own (`erase_add`, e then a). Addressing:
 *   content        w^c = softmax_i(β · cos(k, M(i)))
 *   interpolation  w^g = g w^c + (1 − g) w_{t−1}
 *   shift          w̃(i) = Σ_s w^g((i − s) mod N) s(s)      (circular convolution)
 *   sharpening     w(i) = w̃(i)^γ / Σ_j w̃(j)^γ
 * so every weighting is ≥ 0 and sums to 1. At t = 0 both weightings are on row 0, the memory holds
 * a small constant and the read vector is 0.
 *
 * The parts are also exposed one by one (`partSources`, `evaluatePart`): `call` is built from
 * exactly those functions, so what tests and diagrams measure of a part is what the layer runs.
 */
export interface NeuralTuringMachineArgs {
  /** Controller units. */
  readonly units: number;
  /** Memory rows N. */
  readonly rows: number;
  /** Memory row width M. */
  readonly width: number;
  readonly seed: number;
  readonly name?: string;
}

/** The shifts a head's shift weighting spreads over, in the order of its parameters. */
export const SHIFTS = [-1, 0, 1] as const;
/** Raw parameters of the addressing: key (M), β, g, the shifts, γ. */
export const addressingSize = (width: number): number => width + 3 + SHIFTS.length;
/** What the memory holds before the first write: a small constant, so content addressing is defined. */
export const MEMORY_START = 1e-6;
/** Added before sharpening, so that w̃^γ has a gradient in γ where w̃ is 0. */
const SHARPEN_EPSILON = 1e-8;

export type NtmPart = 'controller' | 'write_head' | 'erase_add' | 'read_head' | 'write_weighting' | 'memory' | 'read_weighting' | 'read';
/** The parts in the order the diagram lists them. */
export const NTM_PARTS: readonly NtmPart[] = ['controller', 'write_head', 'erase_add', 'read_head', 'write_weighting', 'memory', 'read_weighting', 'read'];
/** The parts the layer outputs: the read vector r_t. */
export const NTM_OUTPUT_PARTS: readonly NtmPart[] = ['read'];

/** A direct source of a part: the layer's input, or a part at this step (offset 0) or the previous one (1). */
export interface PartSource {
  readonly from: NtmPart | 'input';
  readonly offset: 0 | 1;
}

const SOURCES: Readonly<Record<NtmPart, readonly PartSource[]>> = {
  controller: [{ from: 'input', offset: 0 }, { from: 'read', offset: 1 }],
  write_head: [{ from: 'controller', offset: 0 }],
  erase_add: [{ from: 'controller', offset: 0 }],
  read_head: [{ from: 'controller', offset: 0 }],
  write_weighting: [{ from: 'write_head', offset: 0 }, { from: 'memory', offset: 1 }, { from: 'write_weighting', offset: 1 }],
  memory: [{ from: 'memory', offset: 1 }, { from: 'write_weighting', offset: 0 }, { from: 'erase_add', offset: 0 }],
  read_weighting: [{ from: 'read_head', offset: 0 }, { from: 'memory', offset: 0 }, { from: 'read_weighting', offset: 1 }],
  read: [{ from: 'read_weighting', offset: 0 }, { from: 'memory', offset: 0 }],
};

/** Every part's value at one step: [batch, cells] (memory: [batch, N, M]). */
export type NtmStep = Readonly<Record<NtmPart, tf.Tensor>>;

/**
 * A head's addressing: from its raw parameters [batch, P] (the first addressingSize(M) used), the
 * memory [batch, N, M] and its previous weighting [batch, N] to its new weighting [batch, N].
 */
export function address(raw: tf.Tensor2D, memory: tf.Tensor3D, previous: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const [batch, rows, width] = memory.shape;
    const at = (start: number, size: number) => tf.slice(raw, [0, start], [batch, size]);
    const key = tf.tanh(at(0, width));
    const strength = tf.softplus(at(width, 1));
    const gate = tf.sigmoid(at(width + 1, 1));
    const shift = tf.softmax(at(width + 2, SHIFTS.length));
    const sharpen = tf.add(1, tf.softplus(at(width + 2 + SHIFTS.length, 1)));
    const content = tf.squeeze(contentWeighting(memory, tf.expandDims(key, 1) as tf.Tensor3D, strength), [1]);
    const gated = tf.add(tf.mul(gate, content), tf.mul(tf.sub(1, gate), previous));
    // w̃(i) = Σ_s w^g(i − s) s(s): rolling w^g by s rows moves weight from row i − s to row i.
    const roll = (w: tf.Tensor, by: number) => {
      const k = ((by % rows) + rows) % rows;
      return k === 0 ? w : tf.concat([tf.slice(w, [0, rows - k], [batch, k]), tf.slice(w, [0, 0], [batch, rows - k])], 1);
    };
    const shifted = tf.addN(SHIFTS.map((s, j) => tf.mul(roll(gated, s), tf.slice(shift, [0, j], [batch, 1]))));
    const sharpened = tf.exp(tf.mul(sharpen, tf.log(tf.add(shifted, SHARPEN_EPSILON))));
    return tf.div(sharpened, tf.sum(sharpened, 1, true)) as tf.Tensor2D;
  });
}

export class NeuralTuringMachine extends tf.layers.Layer {
  static readonly className = 'NeuralTuringMachine';
  readonly units: number;
  readonly rows: number;
  readonly width: number;
  readonly seed: number;
  /** Its parts, and those it outputs side by side (see NTM_PARTS). */
  readonly parts = NTM_PARTS;
  readonly outputParts = NTM_OUTPUT_PARTS;
  private kernel?: tf.LayerVariable;
  private readKernel?: tf.LayerVariable;
  private bias?: tf.LayerVariable;
  private writeKernel?: tf.LayerVariable;
  private writeBias?: tf.LayerVariable;
  private eraseAddKernel?: tf.LayerVariable;
  private eraseAddBias?: tf.LayerVariable;
  private readHeadKernel?: tf.LayerVariable;
  private readHeadBias?: tf.LayerVariable;

  constructor(args: NeuralTuringMachineArgs) {
    super({ name: args.name });
    this.units = args.units;
    this.rows = args.rows;
    this.width = args.width;
    this.seed = args.seed;
  }

  /** Raw addressing parameters of the write head (as many as the read head's). */
  get writeSize(): number {
    return addressingSize(this.width);
  }

  get readSize(): number {
    return addressingSize(this.width);
  }

  /** Cells of each part: memory rows count one cell each (a row of M numbers). */
  partSize(part: NtmPart): number {
    return { controller: this.units, write_head: this.writeSize, erase_add: 2 * this.width, read_head: this.readSize, write_weighting: this.rows, memory: this.rows, read_weighting: this.rows, read: this.width }[part];
  }

  /** A part's value at one step, without the batch: [cells], or [N, M] for the memory. */
  partShape(part: NtmPart): number[] {
    return part === 'memory' ? [this.rows, this.width] : [this.partSize(part)];
  }

  /** What a part's value is computed from, directly. */
  partSources(part: NtmPart): readonly PartSource[] {
    return SOURCES[part];
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = inputShape as tf.Shape;
    const features = shape.at(-1);
    if (shape.length !== 3 || typeof features !== 'number')
      throw new Error(`NeuralTuringMachine: expected an input [batch, steps, features] with fixed features, but got [${shape.join(', ')}]`);
    let seed = this.seed;
    const glorot = () => tf.initializers.glorotUniform({ seed: seed++ });
    this.kernel = this.addWeight('kernel', [features, this.units], 'float32', glorot());
    this.readKernel = this.addWeight('read_kernel', [this.width, this.units], 'float32', glorot());
    this.bias = this.addWeight('bias', [this.units], 'float32', tf.initializers.zeros());
    this.writeKernel = this.addWeight('write_kernel', [this.units, this.writeSize], 'float32', glorot());
    this.writeBias = this.addWeight('write_bias', [this.writeSize], 'float32', tf.initializers.zeros());
    this.eraseAddKernel = this.addWeight('erase_add_kernel', [this.units, 2 * this.width], 'float32', glorot());
    this.eraseAddBias = this.addWeight('erase_add_bias', [2 * this.width], 'float32', tf.initializers.zeros());
    this.readHeadKernel = this.addWeight('read_head_kernel', [this.units, this.readSize], 'float32', glorot());
    this.readHeadBias = this.addWeight('read_head_bias', [this.readSize], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  /**
   * One part's value from its sources' values, in `partSources(part)` order: the input [batch,
   * features], the memory [batch, N, M], every other part [batch, cells].
   */
  evaluatePart(part: NtmPart, sources: readonly tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const [a, b, c] = sources as tf.Tensor[];
      const dense = (x: tf.Tensor, kernel: tf.LayerVariable, bias: tf.LayerVariable) => tf.add(tf.matMul(x as tf.Tensor2D, kernel.read() as tf.Tensor2D), bias.read());
      switch (part) {
        case 'controller':
          return tf.tanh(tf.add(tf.add(tf.matMul(a as tf.Tensor2D, this.kernel!.read() as tf.Tensor2D), tf.matMul(b as tf.Tensor2D, this.readKernel!.read() as tf.Tensor2D)), this.bias!.read()));
        case 'write_head':
          return dense(a!, this.writeKernel!, this.writeBias!);
        case 'erase_add':
          return dense(a!, this.eraseAddKernel!, this.eraseAddBias!);
        case 'read_head':
          return dense(a!, this.readHeadKernel!, this.readHeadBias!);
        case 'write_weighting':
        case 'read_weighting':
          return address(a as tf.Tensor2D, b as tf.Tensor3D, c as tf.Tensor2D);
        case 'memory': {
          // M_t(i) = M_{t−1}(i) ⊙ (1 − w(i) e) + w(i) a
          const [previous, weighting, head] = [a as tf.Tensor3D, b as tf.Tensor2D, c as tf.Tensor2D];
          const batch = head.shape[0];
          const erase = tf.expandDims(tf.sigmoid(tf.slice(head, [0, 0], [batch, this.width])), 1);
          const add = tf.expandDims(tf.tanh(tf.slice(head, [0, this.width], [batch, this.width])), 1);
          const w = tf.expandDims(weighting, 2);
          return tf.add(tf.mul(previous, tf.sub(1, tf.mul(w, erase))), tf.mul(w, add));
        }
        case 'read':
          return tf.squeeze(tf.matMul(tf.expandDims(a!, 1), b as tf.Tensor3D), [1]);
      }
    });
  }

  /** The state before the first step: memory at MEMORY_START, both weightings on row 0, read vector 0. */
  initialState(batch: number): Pick<NtmStep, 'memory' | 'write_weighting' | 'read_weighting' | 'read'> {
    return tf.tidy(() => {
      const onRow0 = tf.oneHot(tf.zeros([batch], 'int32'), this.rows).toFloat();
      return { memory: tf.fill([batch, this.rows, this.width], MEMORY_START), write_weighting: onRow0, read_weighting: onRow0.clone(), read: tf.zeros([batch, this.width]) };
    });
  }

  /** Runs the sequence [batch, T, features] and returns every part's value at every step. Call it under tf.tidy: it keeps its intermediate tensors. */
  unroll(inputs: tf.Tensor3D): NtmStep[] {
    const steps: NtmStep[] = [];
    const xs = tf.unstack(inputs, 1);
    let previous: Partial<Record<NtmPart, tf.Tensor>> = this.initialState(inputs.shape[0]);
    for (const x of xs) {
      const now: Partial<Record<NtmPart, tf.Tensor>> = {};
      for (const part of NTM_PARTS)
        now[part] = this.evaluatePart(
          part,
          SOURCES[part].map((s) => (s.from === 'input' ? x : s.offset === 1 ? previous[s.from]! : now[s.from]!)),
        );
      steps.push(now as NtmStep);
      previous = now;
    }
    // Not disposed here: a gradient tape recording this run still needs the inputs and the initial state.
    return steps;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0]! : inputs) as tf.Tensor3D;
      const steps = this.unroll(x);
      return tf.stack(steps.map((s) => s.read), 1);
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = inputShape as tf.Shape;
    return [shape[0]!, shape[1]!, this.width];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units, rows: this.rows, width: this.width, seed: this.seed };
  }
}
tf.serialization.registerClass(NeuralTuringMachine);

export const neuralTuringMachine = (args: NeuralTuringMachineArgs): NeuralTuringMachine => new NeuralTuringMachine(args);
