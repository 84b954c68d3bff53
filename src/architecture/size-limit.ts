import * as tf from '@tensorflow/tfjs';
import { MAX_TRACE_SIZE, sizeTotal, TooLargeError, type SizeSource } from '../graph/trace';
import type { AnyArchitecture, SizedGroup } from './types';

/**
 * The size a config implies, checked before `build` runs: a definition's `size(config)` is summed and
 * refused past MAX_TRACE_SIZE with the figure, the limit, the heaviest group and the field that sets
 * it. Returns the groups (undefined when the definition has no `size`).
 */
export function checkStatedSize(architecture: AnyArchitecture, config: unknown, source: SizeSource): readonly SizedGroup[] | undefined {
  if (typeof architecture.size !== 'function') return undefined;
  const groups = architecture.size(config);
  const { total, heaviest } = sizeTotal(groups);
  if (total > MAX_TRACE_SIZE && heaviest !== undefined) {
    const field = (heaviest as SizedGroup).field;
    throw new TooLargeError(architecture.id, heaviest.group, heaviest.cells, heaviest.weights, total, { ...source, ...(field ? { field } : {}) });
  }
  return groups;
}

type AddWeight = tf.layers.Layer['addWeight'];

/**
 * Runs `build` with `declared(layer, entries)` told of every weight matrix a tfjs layer declares,
 * before its initializer allocates it (a throw from `declared` stops the build there). Only weights
 * made through the tfjs this module imports are seen (a definition with its own copy is not).
 */
export function watchWeights<T>(declared: (layer: string, entries: number, shape: readonly number[]) => void, build: () => T): T {
  const prototype = tf.layers.Layer.prototype as unknown as { addWeight: AddWeight };
  const original = prototype.addWeight;
  prototype.addWeight = function (this: tf.layers.Layer, ...args: Parameters<AddWeight>) {
    const shape = args[1];
    if (shape.length === 2) declared(this.name, (shape[0] ?? 0) * (shape[1] ?? 0), shape.map((d) => d ?? 0));
    return original.apply(this, args);
  } as AddWeight;
  try {
    return build();
  } finally {
    prototype.addWeight = original;
  }
}

/**
 * Runs a build of a definition without `size(config)` with the entries of every weight matrix counted
 * as it is declared: once those declared so far pass MAX_TRACE_SIZE — so the trace would refuse the
 * network whatever its cells — the build stops with a TooLargeError naming the layer, before that
 * matrix is allocated, instead of after gigabytes. Entries, not nonzeros: a definition with sparse
 * matrices states its size instead.
 */
export function guardedBuild<T>(architecture: string, source: SizeSource, build: () => T): T {
  let entries = 0;
  const perLayer = new Map<string, number>();
  return watchWeights((layer, n, shape) => {
    entries += n;
    perLayer.set(layer, (perLayer.get(layer) ?? 0) + n);
    if (entries > MAX_TRACE_SIZE) throw new TooLargeError(architecture, layer, shape[1]!, perLayer.get(layer)!, entries, { ...source, atLeast: true });
  }, build);
}
