import type * as tf from '@tensorflow/tfjs';

/**
 * The sliding-window arithmetic shared by convolutions and pooling, channels last, for 1-D and 2-D
 * layers alike: which input position each tap of each output position reads.
 */
export interface Window {
  /** Spatial shape of the layer's input and output, e.g. [8] or [5, 5] (channels excluded). */
  readonly input: readonly number[];
  readonly output: readonly number[];
  readonly inputChannels: number;
  readonly outputChannels: number;
  /** Spatial size of the kernel or pooling window. */
  readonly taps: readonly number[];
  readonly strides: readonly number[];
  readonly dilation: readonly number[];
  /** Padding added before the first input position, per dimension ('same' padding; 0 for 'valid'). */
  readonly padBefore: readonly number[];
}

/** All multi-indices of a shape, row-major (the last dimension varies fastest, as tfjs lays out memory). */
export function positions(shape: readonly number[]): number[][] {
  return shape.reduce<number[][]>((acc, size) => acc.flatMap((prefix) => Array.from({ length: size }, (_, i) => [...prefix, i])), [[]]);
}

/** Row-major flat index of a multi-index in `shape`. */
export function flatIndex(index: readonly number[], shape: readonly number[]): number {
  return index.reduce((flat, i, d) => flat * shape[d]! + i, 0);
}

const asList = (value: unknown, rank: number, name: string, layer: tf.layers.Layer): number[] => {
  const list = typeof value === 'number' ? Array<number>(rank).fill(value) : value;
  if (!Array.isArray(list) || list.length !== rank || !list.every((v) => Number.isInteger(v) && v > 0))
    throw new Error(`layer "${layer.name}" (${layer.getClassName()}): expected ${name} to be ${rank} positive integers, but got ${JSON.stringify(value)}`);
  return list as number[];
};

/** The non-batch dimensions of a single-input layer's input or output, all fixed. */
export function fixedShape(layer: tf.layers.Layer, which: 'input' | 'output'): number[] {
  const tensor = which === 'input' ? layer.input : layer.output;
  if (Array.isArray(tensor)) throw new Error(`layer "${layer.name}": expected one ${which}, but got ${tensor.length}`);
  const dims = tensor.shape.slice(1);
  if (!dims.every((d): d is number => typeof d === 'number')) throw new Error(`layer "${layer.name}": expected a fixed ${which} shape, but got [${dims.join(', ')}]`);
  return dims;
}

/**
 * Reads a convolution's or pooling layer's window from its config and shapes. `taps` is the kernel's
 * spatial size (conv) or the pool size (pooling). `transposed` says which side the strides step
 * over: a convolution or pool steps its window over its input, a transposed convolution over its
 * output; 'same' padding is worked out for that direction.
 */
export function readWindow(layer: tf.layers.Layer, taps: readonly number[], options: { transposed: boolean }): Window {
  const config = layer.getConfig();
  if (config.dataFormat !== undefined && config.dataFormat !== 'channelsLast')
    throw new Error(`layer "${layer.name}": expected dataFormat "channelsLast", but got ${JSON.stringify(config.dataFormat)}`);
  const inputShape = fixedShape(layer, 'input');
  const outputShape = fixedShape(layer, 'output');
  const rank = taps.length;
  const strides = asList(config.strides ?? taps, rank, 'strides', layer);
  const dilation = asList(config.dilationRate ?? 1, rank, 'dilationRate', layer);
  const input = inputShape.slice(0, rank);
  const output = outputShape.slice(0, rank);
  // TensorFlow's 'same' padding puts the odd pixel after: before = floor(total / 2).
  const [small, large] = options.transposed ? [input, output] : [output, input];
  const padBefore = taps.map((k, d) => {
    if (config.padding !== 'same') return 0;
    const total = Math.max((small[d]! - 1) * strides[d]! + (k - 1) * dilation[d]! + 1 - large[d]!, 0);
    return Math.floor(total / 2);
  });
  return { input, output, inputChannels: inputShape[rank]!, outputChannels: outputShape[rank]!, taps, strides, dilation, padBefore };
}

/**
 * Every (position on the strided side, tap) pair with the position it reaches on the other side,
 * skipping taps that fall into padding. For a convolution or pool the strided side is the output
 * and the reached side the input; for a transposed convolution the other way round.
 */
export function windowTaps(
  strided: readonly number[],
  reached: readonly number[],
  window: Pick<Window, 'taps' | 'strides' | 'dilation' | 'padBefore'>,
): { at: number[]; tap: number[]; reaches: number[] }[] {
  const pairs: { at: number[]; tap: number[]; reaches: number[] }[] = [];
  for (const at of positions(strided))
    for (const tap of positions(window.taps)) {
      const reaches = at.map((p, d) => p * window.strides[d]! + tap[d]! * window.dilation[d]! - window.padBefore[d]!);
      if (reaches.every((r, d) => r >= 0 && r < reached[d]!)) pairs.push({ at, tap, reaches });
    }
  return pairs;
}
