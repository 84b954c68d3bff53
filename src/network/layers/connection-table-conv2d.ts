import * as tf from '@tensorflow/tfjs';
import { createRandom } from '../numerics/random';

export interface ConnectionTableConv2DArgs {
  /**
   * The connection table: entry m lists the input feature maps that output map m reads (LeNet-5's
   * Table I, read by columns). Its length is the number of output maps.
   */
  readonly table: readonly (readonly number[])[];
  /** Side of the square kernel. */
  readonly kernelSize: number;
  /** Seeds the starting kernels: uniform in ±2.4 / F, F the output map's fan-in (LeCun et al. 1998). */
  readonly seed: number;
  readonly name?: string;
}

/** The table in which each of `outputs` maps reads every one of `inputs` maps: an ordinary convolution. */
export const fullTable = (inputs: number, outputs: number): number[][] => Array.from({ length: outputs }, () => Array.from({ length: inputs }, (_, i) => i));

/**
 * A 'valid' convolution, stride 1, channels last, in which each output map reads only the input
 * maps its entry of the connection table names: LeNet-5's convolutions, C3 with Table I and C1 and C5
 * with full tables. Only connected kernels are weights: `kernel` is [k, k, connections], one k×k
 * kernel per connected (input, output) pair in table order (output map by output map, inputs as
 * listed), and `bias` one per output map, so the layer counts exactly the parameters the paper
 * counts (C3: 60 kernels of 25 plus 16 biases, 1,516).
 *
 * `call` places the stored kernels in a full [k·k·inputs, outputs] matrix — through a fixed 0/1
 * matrix, zeros where the table has no connection (a full table needs only a transpose) — and
 * multiplies it with the input's k×k patches, gathered by slicing. Written this way rather than
 * with tf.conv2d because the gradient then needs only matrix products: tfjs's CPU kernel for a
 * convolution's filter gradient (Conv2DBackpropFilter) took over 90 % of a LeNet-5 training step
 * here, and its WebAssembly backend has none.
 */
export class ConnectionTableConv2D extends tf.layers.Layer {
  static readonly className = 'ConnectionTableConv2D';
  readonly table: readonly (readonly number[])[];
  readonly kernelSize: number;
  readonly seed: number;
  private kernel?: tf.LayerVariable;
  private bias?: tf.LayerVariable;
  private inputMaps = 0;

  constructor(args: ConnectionTableConv2DArgs) {
    super({ name: args.name });
    if (!Number.isInteger(args.kernelSize) || args.kernelSize < 1)
      throw new Error(`ConnectionTableConv2D: expected kernelSize to be a positive integer, but got ${args.kernelSize}`);
    if (!Array.isArray(args.table) || args.table.length === 0) throw new Error('ConnectionTableConv2D: expected table to list at least one output map');
    args.table.forEach((inputs, map) => {
      if (!Array.isArray(inputs) || inputs.length === 0 || new Set(inputs).size !== inputs.length || !inputs.every((i) => Number.isInteger(i) && i >= 0))
        throw new Error(`ConnectionTableConv2D: expected table[${map}] to list distinct input maps (integers ≥ 0), but got [${String(inputs)}]`);
    });
    this.table = args.table.map((inputs) => [...inputs]);
    this.kernelSize = args.kernelSize;
    this.seed = args.seed;
  }

  /** Connected (input, output) pairs: the kernels stored. */
  get connections(): number {
    return this.table.reduce((sum, inputs) => sum + inputs.length, 0);
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const maps = shape.at(-1);
    if (typeof maps !== 'number') throw new Error(`ConnectionTableConv2D: expected a fixed number of input maps, but got ${maps}`);
    const highest = Math.max(...this.table.flat());
    if (highest >= maps) throw new Error(`ConnectionTableConv2D: table names input map ${highest}, but the input has ${maps} maps`);
    this.inputMaps = maps;
    const area = this.kernelSize ** 2;
    this.kernel = this.addWeight('kernel', [this.kernelSize, this.kernelSize, this.connections], 'float32', tf.initializers.zeros());
    this.bias = this.addWeight('bias', [this.table.length], 'float32', tf.initializers.zeros());
    const random = createRandom(this.seed);
    const bounds = this.table.flatMap((inputs) => inputs.map(() => 2.4 / (area * inputs.length)));
    const start = Float32Array.from({ length: area * this.connections }, (_, i) => random.uniform(-1, 1) * bounds[i % this.connections]!);
    tf.tidy(() => void this.kernel!.write(tf.tensor3d(start, [this.kernelSize, this.kernelSize, this.connections])));
    this.built = true;
  }

  /** Whether every output map reads every input map, in order: then placing the kernels is a transpose. */
  private isFull(): boolean {
    return this.table.every((inputs) => inputs.length === this.inputMaps && inputs.every((input, i) => input === i));
  }

  /** The full kernel [k, k, inputs, outputs] the layer convolves with, zero where the table has no connection. */
  fullKernel(): tf.Tensor4D {
    return tf.tidy(() => {
      const k = this.kernelSize;
      const outputs = this.table.length;
      const stored = tf.reshape(this.kernel!.read(), [k * k, this.connections]);
      if (this.isFull()) return tf.reshape(tf.transpose(tf.reshape(stored, [k * k, outputs, this.inputMaps]), [0, 2, 1]), [k, k, this.inputMaps, outputs]) as tf.Tensor4D;
      const scatter = new Float32Array(this.connections * this.inputMaps * outputs);
      let j = 0;
      this.table.forEach((inputs, output) => inputs.forEach((input) => (scatter[j++ * this.inputMaps * outputs + input * outputs + output] = 1)));
      const placed = tf.matMul(stored, tf.tensor2d(scatter, [this.connections, this.inputMaps * outputs]));
      return tf.reshape(placed, [k, k, this.inputMaps, outputs]) as tf.Tensor4D;
    });
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => tf.add(validConv2d((Array.isArray(inputs) ? inputs[0]! : inputs) as tf.Tensor4D, this.fullKernel()), this.bias!.read()));
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [batch, height, width] = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const shrink = (side: number | null | undefined) => (typeof side === 'number' ? side - this.kernelSize + 1 : null);
    return [batch ?? null, shrink(height), shrink(width), this.table.length];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), table: this.table.map((inputs) => [...inputs]), kernelSize: this.kernelSize, seed: this.seed };
  }
}
tf.serialization.registerClass(ConnectionTableConv2D);

export const connectionTableConv2D = (args: ConnectionTableConv2DArgs): ConnectionTableConv2D => new ConnectionTableConv2D(args);

/**
 * tf.conv2d, stride 1, 'valid', with the kernel's gradient computed as a convolution too: of the
 * input, batch and channels swapped, with the output's gradient as the kernel. tfjs's own gradient
 * for the kernel runs Conv2DBackpropFilter, which on the CPU backend took over 90 % of a LeNet-5
 * training step here (and which its WebAssembly backend lacks); its forward Conv2D is many times
 * faster for the same arithmetic.
 */
const validConv2d = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, kernel, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
  save([x, kernel]);
  return {
    value: tf.conv2d(x, kernel, 1, 'valid'),
    gradFunc: (dy, saved) => {
      const [input, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
      const gradient = dy as tf.Tensor4D;
      const dx = tf.conv2dTranspose(gradient, filter, input.shape, 1, 'valid');
      // [inputs, H, W, batch] ⊛ [rows, columns, batch, outputs] → [inputs, k, k, outputs].
      const dk = tf.conv2d(tf.transpose(input, [3, 1, 2, 0]), tf.transpose(gradient, [1, 2, 0, 3]), 1, 'valid');
      return [dx, tf.transpose(dk, [1, 2, 0, 3])];
    },
  };
}) as (x: tf.Tensor4D, kernel: tf.Tensor4D) => tf.Tensor4D;

/**
 * The same computation in plain JavaScript, float64: `maps[i][r][c]` the input maps, `kernels[m][n]`
 * the k×k kernel (rows) output map m applies to the n-th input map its table entry lists, `biases[m]`
 * its bias. Returns the output maps [m][r][c]: a reference for tests.
 */
export function connectionTableConv2DReference(
  maps: readonly (readonly (readonly number[])[])[],
  table: readonly (readonly number[])[],
  kernels: readonly (readonly (readonly (readonly number[])[])[])[],
  biases: readonly number[],
): number[][][] {
  const k = kernels[0]![0]!.length;
  const rows = maps[0]!.length - k + 1;
  const columns = maps[0]![0]!.length - k + 1;
  return table.map((inputs, m) =>
    Array.from({ length: rows }, (_, r) =>
      Array.from({ length: columns }, (_, c) => {
        let sum = biases[m]!;
        inputs.forEach((input, n) => {
          for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) sum += maps[input]![r + i]![c + j]! * kernels[m]![n]![i]![j]!;
        });
        return sum;
      }),
    ),
  );
}
