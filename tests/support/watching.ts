import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import { parseParams, type ParamSchema } from '../../src/demos/params';
import { progressPlan, type Watcher } from '../../src/demos/progress-plan';
import type { DemoDefinition } from '../../src/demos/types';

const weightsOf = (model: tf.LayersModel) => model.getWeights().map((w) => Array.from(w.dataSync()));

/** What a demo handed its living diagram, and what became of it. */
export interface Watched {
  /** Progress reports before the network was watched. */
  readonly reportsBefore: number;
  /** The watched network's layers and their configs (`toJSON`), and its weights when watched. */
  readonly topology: unknown;
  readonly weights: readonly number[][];
  readonly example: readonly { readonly shape: readonly number[]; readonly values: Float32Array }[];
  /** Its weights at `finish` (read then, so a network disposed before its `finish` fails the run); undefined while unfinished. */
  trained?: readonly number[][];
}

/**
 * A watcher (progressPlan's `watcher` option) that records instead of drawing: every `watch` (the
 * network as it was then, the example, which it disposes as the plan's owner must) and the network's
 * weights at `finish`.
 */
export function recordingWatcher(): Watcher & { readonly watched: Watched[] } {
  const watched: Watched[] = [];
  let model: tf.LayersModel | undefined;
  let reports = 0;
  return {
    watched,
    watch(m, example) {
      model = m;
      const examples = Array.isArray(example) ? example : [example as tf.Tensor];
      watched.push({
        reportsBefore: reports,
        topology: m.toJSON(null, false),
        weights: weightsOf(m),
        example: examples.map((t) => ({ shape: t.shape, values: t.dataSync().slice() as Float32Array })),
      });
      tf.dispose(examples);
    },
    reported: () => reports++,
    finish() {
      if (!model) return;
      watched.at(-1)!.trained = weightsOf(model);
      model = undefined;
    },
  };
}

/**
 * The demo watched exactly one network, before its first progress report, and finished it: its page's
 * own architecture (`living.architecture`) built by the definition at `living.config(values)` (the same layers and configs as
 * a fresh build there, and the same weights wherever the build is seeded: an unseeded initialiser,
 * like a readout's that is fitted anyway, is left out), and the one that learned (its weights moved by
 * `finish`). Returns what it watched.
 */
export function expectWatchedOwnNetwork(living: NonNullable<DemoDefinition['living']>, values: object, watcher: { readonly watched: readonly Watched[] }): Watched {
  expect(watcher.watched, 'one network watched').toHaveLength(1);
  const [watched] = watcher.watched as [Watched];
  expect(watched.reportsBefore, 'watched before the first progress report').toBe(0);
  const { architecture, config } = living;
  const [a, b] = [0, 1].map(() => {
    const fresh = architecture.build(config(values as never));
    const built = { topology: fresh.toJSON(null, false), weights: weightsOf(fresh) };
    fresh.dispose();
    return built;
  }) as [{ topology: unknown; weights: number[][] }, { weights: number[][] }];
  expect(watched.topology, 'the layers of the living config’s network').toEqual(a.topology);
  const seeded = a.weights.flatMap((w, k) => (w.every((v, i) => v === b.weights[k]![i]) ? [k] : []));
  expect(seeded.length, 'weights a seeded build fixes').toBeGreaterThan(0);
  for (const k of seeded) expect(watched.weights[k], `weight ${k} as built`).toEqual(a.weights[k]);
  expect(watched.trained, 'finished before the network was disposed').toBeDefined();
  expect(watched.trained, 'the watched network is the one that learned').not.toEqual(watched.weights);
  return watched;
}

/**
 * `example` is one real copy-task sequence of `length` vectors of `bits` bits (src/network/datasets/copy-task.ts):
 * the vectors, 0 or 1 with the delimiter channel off, then the delimiter alone, then blank input.
 */
export function expectCopySequence(example: Watched['example'][number], { bits, length }: { bits: number; length: number }): void {
  const steps = 2 * length + 1;
  expect(example.shape).toEqual([1, steps, bits + 1]);
  const row = (t: number) => Array.from(example.values.slice(t * (bits + 1), (t + 1) * (bits + 1)));
  for (let t = 0; t < length; t++) expect(row(t).every((v, c) => (c < bits ? v === 0 || v === 1 : v === 0)), `vector ${t + 1}: ${row(t)}`).toBe(true);
  expect(row(length), 'the delimiter').toEqual([...Array<number>(bits).fill(0), 1]);
  for (let t = length + 1; t < steps; t++) expect(row(t), `recall step ${t - length}: blank`).toEqual(Array<number>(bits + 1).fill(0));
  expect(Array.from({ length }, (_, t) => row(t).slice(0, bits)).flat().some((b) => b === 1), 'some bit set').toBe(true);
}

/** Thrown by runUntilWatched's watcher: the run stops where it hands over its network, before any training. */
class StopAtWatch extends Error {}

/** What a run handed its living diagram, caught at `progress.watch`. */
export interface CaughtAtWatch {
  /** The run's parameter values, parsed from the form's strings. */
  readonly values: Record<string, unknown>;
  /** The watched network: its layers' names, parameter count and weights as built. */
  readonly layers: readonly string[];
  readonly params: number;
  readonly weights: readonly number[][];
  /** The example, input by input. */
  readonly inputs: readonly { readonly shape: readonly number[]; readonly values: readonly number[] }[];
  /** Whether the stopped run still called `progress.finish` on its way out (in a `finally`). */
  readonly finished: boolean;
}

/**
 * Runs `demo` at the form's `raw` strings up to its `progress.watch` and stops it there: what it
 * watches, before any training, and that the stopped run leaves no tensor behind.
 */
export async function runUntilWatched<S extends ParamSchema>(demo: DemoDefinition<S>, raw: Record<string, string> = {}): Promise<CaughtAtWatch> {
  const values = parseParams(demo.params, raw);
  let caught: Omit<CaughtAtWatch, 'values' | 'finished'> | undefined;
  let finished = false;
  const watcher: Watcher = {
    watch(model, example) {
      const tensors = Array.isArray(example) ? example : [example as tf.Tensor];
      caught = {
        layers: model.layers.map((l) => l.name),
        params: model.countParams(),
        weights: weightsOf(model),
        inputs: tensors.map((t) => ({ shape: t.shape, values: Array.from(t.dataSync()) })),
      };
      tf.dispose(tensors);
      throw new StopAtWatch();
    },
    reported: () => {},
    finish: () => {
      finished = true;
    },
  };
  const before = tf.memory().numTensors;
  await expect(Promise.resolve().then(() => demo.run(values as never, progressPlan(demo.stages, () => {}, () => {}, { watcher })))).rejects.toBeInstanceOf(StopAtWatch);
  expect(tf.memory().numTensors, 'tensors left by the stopped run').toBe(before);
  return { ...caught!, values, finished };
}
