import * as tf from '@tensorflow/tfjs';

export type GroupedActivation = 'linear' | 'relu' | 'tanh';

export interface GroupedConv2DArgs {
  /** Output channels, split evenly among the groups. */
  readonly filters: number;
  /** Kernel side (square kernels). */
  readonly kernelSize: number;
  /** How many groups the channels are cut into: group g's filters read only group g's input channels. */
  readonly groups: number;
  readonly strides?: number;
  /** As tfjs's Conv2D: `valid` (no padding) or `same`. */
  readonly padding?: 'valid' | 'same';
  readonly activation?: GroupedActivation;
  /** Seed of the He-normal initialiser (fan-in k·k·Cin/g: what one filter really reads). */
  readonly seed?: number;
  readonly name?: string;
}

const positiveInteger = (value: unknown): value is number => Number.isInteger(value) && (value as number) > 0;

/**
 * A grouped 2-D convolution, channels last: the input's Cin channels are cut into `groups`
 * consecutive blocks, the Cout filters likewise, and filter block g reads only channel block g
 * (Krizhevsky, Sutskever & Hinton 2012, section 3.2: the kernels of a layer "are connected only to
 * those kernel maps in the previous layer which reside on the same GPU"). With groups = 1 it is an
 * ordinary convolution. The kernel is one variable of shape [k, k, Cin/g, Cout], column block g
 * holding group g's filters, and there is one bias per filter: k·k·(Cin/g)·Cout + Cout parameters,
 * g times fewer kernel weights than the ungrouped convolution. tfjs 4.22 has no grouped convolution
 * (Conv2D has no `groups` argument): this layer masks a full kernel (see fullKernel).
 */
export class GroupedConv2D extends tf.layers.Layer {
  static readonly className = 'GroupedConv2D';
  readonly filters: number;
  readonly kernelSize: number;
  readonly groups: number;
  readonly strides: number;
  readonly padding: 'valid' | 'same';
  readonly activation: GroupedActivation;
  readonly seed: number | undefined;
  private kernel?: tf.LayerVariable;
  private bias?: tf.LayerVariable;

  constructor(args: GroupedConv2DArgs) {
    super({ name: args.name });
    for (const key of ['filters', 'kernelSize', 'groups'] as const)
      if (!positiveInteger(args[key])) throw new Error(`GroupedConv2D: expected ${key} to be a positive integer, but got ${args[key]}`);
    if (args.strides !== undefined && !positiveInteger(args.strides)) throw new Error(`GroupedConv2D: expected strides to be a positive integer, but got ${args.strides}`);
    if (args.filters % args.groups !== 0) throw new Error(`GroupedConv2D: expected filters (${args.filters}) to be a multiple of groups (${args.groups})`);
    if (args.padding !== undefined && args.padding !== 'valid' && args.padding !== 'same')
      throw new Error(`GroupedConv2D: expected padding to be "valid" or "same", but got ${String(args.padding)}`);
    if (args.activation !== undefined && !['linear', 'relu', 'tanh'].includes(args.activation))
      throw new Error(`GroupedConv2D: expected activation to be "linear", "relu" or "tanh", but got ${String(args.activation)}`);
    this.filters = args.filters;
    this.kernelSize = args.kernelSize;
    this.groups = args.groups;
    this.strides = args.strides ?? 1;
    this.padding = args.padding ?? 'valid';
    this.activation = args.activation ?? 'linear';
    this.seed = args.seed;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const channels = shape[3];
    if (shape.length !== 4 || typeof channels !== 'number')
      throw new Error(`layer "${this.name}": expected an input of shape [batch, height, width, channels], but got [${shape.join(', ')}]`);
    if (channels % this.groups !== 0) throw new Error(`layer "${this.name}": expected input channels (${channels}) to be a multiple of groups (${this.groups})`);
    const k = this.kernelSize;
    this.kernel = this.addWeight('kernel', [k, k, channels / this.groups, this.filters], 'float32', tf.initializers.heNormal({ seed: this.seed }));
    this.bias = this.addWeight('bias', [this.filters], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0]! : inputs) as tf.Tensor4D;
      const y = tf.add(convolve(x, this.fullKernel(), this.strides, this.padding), this.bias!.read());
      return this.activation === 'relu' ? tf.relu(y) : this.activation === 'tanh' ? tf.tanh(y) : y;
    });
  }

  /**
   * The kernel as an ordinary convolution's, [k, k, Cin, Cout]: the stored block tiled along the input
   * channels and masked to zero wherever channel c and filter f are in different groups. One
   * convolution then does the work of the g: cutting the maps into groups (tf.split) costs more on
   * the CPU backend than the zeros the convolution multiplies, and the mask keeps every filter to its
   * own group's channels, value and gradient alike.
   */
  private fullKernel(): tf.Tensor4D {
    const kernel = this.kernel!.read() as tf.Tensor4D;
    if (this.groups === 1) return kernel;
    const [, , perGroup, filters] = kernel.shape;
    const channels = perGroup * this.groups;
    const mask = tf.buffer([channels, filters]);
    for (let c = 0; c < channels; c++)
      for (let f = 0; f < filters; f++) mask.set(Math.floor(c / perGroup) === Math.floor(f / (filters / this.groups)) ? 1 : 0, c, f);
    return tf.mul(tf.tile(kernel, [1, 1, this.groups, 1]), mask.toTensor()) as tf.Tensor4D;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const side = (n: number | null) => (n === null ? null : convolvedSide(n, this.kernelSize, this.strides, this.padding));
    return [shape[0] ?? null, side(shape[1] ?? null), side(shape[2] ?? null), this.filters];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernelSize: this.kernelSize,
      groups: this.groups,
      strides: this.strides,
      padding: this.padding,
      activation: this.activation,
      ...(this.seed === undefined ? {} : { seed: this.seed }),
    };
  }
}
tf.serialization.registerClass(GroupedConv2D);

/**
 * tf.conv2d with the filter gradient computed by tf.conv2d itself (see filterGradient): tfjs-backend-cpu's Conv2DBackpropFilter reads its buffers element by element and
 * took 644 ms for one batch of 25 8×8×16 maps into 32 filters (our measurement), where its forward
 * convolution takes a few ms; the demos train on the CPU backend. The input gradient is tfjs's own
 * (conv2dTranspose, its Conv2DBackpropInput). The values are the same sums in another order.
 */
function convolve(x: tf.Tensor4D, kernel: tf.Tensor4D, stride: number, padding: 'valid' | 'same'): tf.Tensor4D {
  const run = tf.customGrad((...args: (tf.Tensor | ((tensors: tf.Tensor[]) => void))[]) => {
    const [input, filter, save] = args as [tf.Tensor4D, tf.Tensor4D, (tensors: tf.Tensor[]) => void];
    save([input, filter]);
    return {
      value: tf.conv2d(input, filter, stride, padding),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [xs, f] = saved as [tf.Tensor4D, tf.Tensor4D];
        const dy4 = dy as tf.Tensor4D;
        return [tf.conv2dTranspose(dy4, f, xs.shape, stride, padding), filterGradient(xs, dy4, f.shape, stride, padding)];
      },
    };
  });
  return run(x, kernel) as tf.Tensor4D;
}

/**
 * ∂loss/∂kernel of a convolution, itself a convolution: kernel[i, j, c, f] = Σ over images b and
 * output positions (y, x) of input[b, y·s + i, x·s + j, c] · dy[b, y, x, f]. With the channels as
 * the batch and the images as the channels, that is the padded input convolved with dy as its filter,
 * dilated by the stride, whose first k×k outputs are the kernel's gradient.
 */
function filterGradient(x: tf.Tensor4D, dy: tf.Tensor4D, shape: readonly number[], stride: number, padding: 'valid' | 'same'): tf.Tensor4D {
  return tf.tidy(() => {
    const [, height, width, channels] = x.shape;
    const [, outH, outW, filters] = dy.shape;
    const k = shape[0]!;
    // tfjs's `same`: the total padding max((out − 1)·stride + k − in, 0), the smaller half before.
    const pad = (out: number, size: number) => {
      const total = padding === 'same' ? Math.max((out - 1) * stride + k - size, 0) : 0;
      return [Math.floor(total / 2), total - Math.floor(total / 2)] as [number, number];
    };
    const padded = tf.pad(x, [[0, 0], pad(outH, height), pad(outW, width), [0, 0]]);
    const swept = tf.conv2d(tf.transpose(padded, [3, 1, 2, 0]) as tf.Tensor4D, tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D, 1, 'valid', 'NHWC', stride);
    return tf.transpose(tf.slice(swept, [0, 0, 0, 0], [channels, k, k, filters]), [1, 2, 0, 3]);
  });
}

export const groupedConv2d = (args: GroupedConv2DArgs): GroupedConv2D => new GroupedConv2D(args);

/** Output side of a convolution or pooling window as tfjs computes it: ⌈n/s⌉ with `same`, ⌊(n−k)/s⌋+1 with `valid`. */
export function convolvedSide(n: number, kernel: number, stride: number, padding: 'valid' | 'same'): number {
  return padding === 'same' ? Math.ceil(n / stride) : Math.floor((n - kernel) / stride) + 1;
}

/**
 * The same computation in plain JavaScript, float64, one image at a time: `image[y][x][c]`,
 * `kernel[i][j][c][f]` (c within the group), `bias[f]`; valid padding unless `pad` zero cells are
 * added on every side. Output `[y][x][f]`. A reference for tests.
 */
export function groupedConvolutionReference(
  image: readonly (readonly (readonly number[])[])[],
  kernel: readonly (readonly (readonly (readonly number[])[])[])[],
  bias: readonly number[],
  options: { groups: number; stride: number; pad: number },
): number[][][] {
  const { groups, stride, pad } = options;
  const k = kernel.length;
  const cinPerGroup = kernel[0]![0]!.length;
  const filters = bias.length;
  const perGroup = filters / groups;
  const height = image.length;
  const width = image[0]!.length;
  const outH = Math.floor((height + 2 * pad - k) / stride) + 1;
  const outW = Math.floor((width + 2 * pad - k) / stride) + 1;
  return Array.from({ length: outH }, (_, oy) =>
    Array.from({ length: outW }, (_, ox) =>
      Array.from({ length: filters }, (_, f) => {
        const g = Math.floor(f / perGroup);
        let sum = bias[f]!;
        for (let i = 0; i < k; i++)
          for (let j = 0; j < k; j++) {
            const y = oy * stride + i - pad;
            const x = ox * stride + j - pad;
            if (y < 0 || x < 0 || y >= height || x >= width) continue;
            for (let c = 0; c < cinPerGroup; c++) sum += image[y]![x]![g * cinPerGroup + c]! * kernel[i]![j]![c]![f]!;
          }
        return sum;
      }),
    ),
  );
}
