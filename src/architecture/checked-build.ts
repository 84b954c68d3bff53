import type * as tf from '@tensorflow/tfjs';
import { configProblems, showValue } from './config-schema';
import { TooLargeError } from '../graph/trace';
import { checkStatedSize, guardedBuild } from './size-limit';
import { withZeroWeights } from './structure-only';
import type { AnyArchitecture } from './types';

/** A build that was handed a bad config, threw, returned no model, or returned one its shapes() misdescribe. */
export class BuildError extends Error {
  override readonly name = 'BuildError';
}

/** The name a config goes by in messages: `configs.diagram` when it is one of the definition's own. */
function configName(architecture: AnyArchitecture, config: unknown): string {
  const own = Object.entries(architecture.configs).find(([, value]) => value === config);
  return own ? `configs.${own[0]}` : 'config';
}

/** A tfjs LayersModel as far as the pipeline relies on it (checked by shape, not class: a second copy of tfjs is still a model). */
function isLayersModel(value: unknown): value is tf.LayersModel {
  const model = value as Partial<tf.LayersModel> | null;
  return typeof model === 'object' && model !== null && Array.isArray(model.inputs) && Array.isArray(model.outputs) && typeof model.predict === 'function';
}

/** A Promise, or anything awaitable: what an `async build` returns. */
const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';

const showShape = (shape: readonly (number | null)[]): string => `[${shape.map((d) => (d === null ? 'any' : d)).join(', ')}]`;

/** Declared shape (no batch) against the model's (batch first); a null in the model's takes any size. */
const agrees = (declared: readonly number[], actual: readonly (number | null)[]): boolean =>
  declared.length === actual.length - 1 && declared.every((d, i) => actual[i + 1] === null || actual[i + 1] === d);

function shapeProblems(architecture: AnyArchitecture, model: tf.LayersModel, config: unknown, name: string): string[] {
  let declared;
  try {
    declared = architecture.shapes(config);
  } catch (error) {
    return [`shapes(${name}) failed: ${(error as Error).message ?? String(error)}`];
  }
  const more: unknown = declared?.moreInputs ?? [];
  if (!Array.isArray(more)) return [`shapes(${name}).moreInputs: expected a list of shapes, but got ${showValue(more)}`];
  const inputs = 1 + more.length;
  if (model.inputs.length !== inputs || model.outputs.length !== 1)
    return [`build(${name}) returned a model with ${model.inputs.length} inputs and ${model.outputs.length} outputs; shapes() describes ${inputs} input${inputs === 1 ? '' : 's'} and one output`];
  const problems: string[] = [];
  const check = (side: string, expected: unknown, actual: readonly (number | null)[]) => {
    if (!Array.isArray(expected) || !expected.every((d) => Number.isInteger(d) && d > 0))
      problems.push(`shapes(${name}).${side}: expected a list of positive integers, but got ${showValue(expected)}`);
    else if (!agrees(expected, actual))
      problems.push(`shapes(${name}).${side} is ${showShape(expected)}, but the built model's ${side.replace(/^moreInputs\[(\d+)\]$/, (_, i) => `input ${Number(i) + 2}`)} is ${showShape(actual.slice(1))}`);
  };
  check('input', declared?.input, model.inputs[0]!.shape);
  more.forEach((shape, i) => check(`moreInputs[${i}]`, shape, model.inputs[i + 1]!.shape));
  check('output', declared?.output, model.outputs[0]!.shape);
  return problems;
}

/**
 * `architecture.build` with every way it can go wrong named: a config that breaks the schema (before
 * tfjs sees it and answers without the field), a build that throws, returns nothing, or returns a
 * model that `shapes()` misdescribes. Each message starts with the architecture id and names the
 * config; a model that fails the checks is disposed, not leaked. A config too large to draw is
 * refused before the build (the definition's `size`) or as its weights are declared (size-limit.ts),
 * with a TooLargeError naming `file`, the definition's source, where it is known.
 */
export function checkedBuild(architecture: AnyArchitecture, file?: string): (config: unknown) => tf.LayersModel {
  const fail = (problems: readonly string[]): never => {
    throw new BuildError(`${architecture.id}: ${problems.join(`\n${architecture.id}: `)}`);
  };
  return (config) => {
    const name = configName(architecture, config);
    const invalid = configProblems(architecture.configSchema, config, name);
    if (invalid.length > 0) fail(invalid);
    // The canonical configuration is published, never traced cell by cell: built with zero weights,
    // past the bound on what a diagram traces (size-limit.ts), and checked like any other.
    if (config === architecture.configs.canonical) return checkedModel(config, name, () => withZeroWeights(() => architecture.build(config)));
    const source = { ...(file ? { file } : {}), config: name };
    let stated;
    try {
      stated = checkStatedSize(architecture, config, source);
    } catch (error) {
      if (error instanceof TooLargeError) throw error;
      throw new BuildError(`${architecture.id}: size(${name}) failed: ${(error as Error).message ?? String(error)}`, { cause: error });
    }
    return checkedModel(config, name, () => (stated ? architecture.build(config) : guardedBuild(architecture.id, source, () => architecture.build(config))));
  };

  /** The model `build` returns, once it is known to be a synchronous tf.LayersModel that `shapes()` describes. */
  function checkedModel(config: unknown, name: string, build: () => unknown): tf.LayersModel {
    let model: unknown;
    try {
      model = build();
    } catch (error) {
      if (error instanceof TooLargeError) throw error;
      throw new BuildError(`${architecture.id}: build(${name}) failed: ${(error as Error).message ?? String(error)}`, { cause: error });
    }
    if (isThenable(model)) {
      // Whatever it settles to is dropped: nothing may be left to reject unhandled or to leak.
      model.then((late) => (late as Partial<tf.LayersModel> | null)?.dispose?.(), () => undefined);
      return fail([`build(${name}) returned a Promise; build must be synchronous: return the tf.LayersModel itself (no async, no await)`]);
    }
    if (!isLayersModel(model)) return fail([`build(${name}) returned ${showValue(model)}; expected a tf.LayersModel`]);
    const problems = shapeProblems(architecture, model, config, name);
    if (problems.length > 0) {
      model.dispose();
      fail(problems);
    }
    return model;
  }
}
