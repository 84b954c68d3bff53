import * as tf from '@tensorflow/tfjs';
import type { AnyArchitecture } from '../architecture/types';
import { traceNetwork } from '../graph/trace';
import { frameReader, type LiveFrame } from '../live/frame';
import { gateReader } from '../live/gates';
import { layerReader } from '../live/layer-values';
import { liveJoin } from '../live/join';
import { savedModel } from '../live/saved-model';
import { specSignature } from '../live/signature';
import { livingSpecs, type LivingSpec } from '../live/views';
import type { ProgressUpdate, Watcher } from './progress-plan';
import type { LivingViewMessage, NetworkMessage, WorkerMessage } from './protocol';

/** What a view's frames are read with, and what it tells the page first. */
interface Reader {
  readonly read: (example: tf.Tensor | readonly tf.Tensor[]) => LiveFrame;
  readonly message: LivingViewMessage;
}

function readerOf(living: LivingSpec, model: tf.LayersModel, traced: ReturnType<typeof traceNetwork> | undefined, example: tf.Tensor | readonly tf.Tensor[]): Reader {
  const signature = specSignature(living.spec);
  if (living.view === 'layers') {
    const layers = layerReader(model, living.spec);
    const names = living.spec.layers.map((l) => l.name);
    // `weights` lists, per layer (by name), whether its weights train: the second bar of its box.
    const trains = new Set(model.layers.filter((l) => l.trainableWeights.length > 0).map((l) => l.name));
    return { read: (x) => layers.read(x), message: { ...living, signature, cells: names, weights: names.map((name) => ({ edge: name, trainable: trains.has(name) })) } };
  }
  if (living.view === 'internals') {
    const gates = gateReader(model, living.spec);
    const { steps, units } = gates.read(example);
    return {
      // A fresh empty array each time: a frame's arrays are transferred to the page, and a transferred buffer is gone.
      read: (x) => ({ cells: gates.read(x).values, weights: new Float32Array(0) }),
      message: { ...living, signature, cells: living.spec.nodes.map((n) => n.id), weights: [], sequence: { steps, units } },
    };
  }
  if (!traced) throw new Error(`${living.spec.architecture}: the ${living.view} view needs the network's cell graph`);
  const join = liveJoin(traced, living.spec);
  const reader = frameReader(model, join, new Map(traced.graph.groups.map((g) => [g.id, g.size])));
  return {
    read: (x) => reader.read(x),
    message: { ...living, signature, cells: join.cells.map((c) => c.node), weights: join.weights.map((w) => ({ edge: w.edge, trainable: w.trainable, ...(w.stands ? { stands: w.stands } : {}) })) },
  };
}

/**
 * How the living diagram draws `model`, a network of `architecture`: each view's reader of frames on
 * `example` (kept by the caller) and the `network` message that tells the page what is drawn.
 */
export function describeNetwork(architecture: AnyArchitecture, model: tf.LayersModel, example: tf.Tensor | readonly tf.Tensor[]): { readers: Reader[]; message: NetworkMessage } {
  // Architectures drawn as layers alone have no cell graph to trace (too many cells).
  const traced = architecture.views.includes('cells') ? traceNetwork(model, architecture.id) : undefined;
  const readers = livingSpecs(architecture, traced, model).map((living) => readerOf(living, model, traced, example));
  const first = Array.isArray(example) ? example[0]! : (example as tf.Tensor);
  return { readers, message: { type: 'network', architecture: architecture.id, example: Array.from(first.dataSync()), views: readers.map((r) => r.message) } };
}

/** The least time between two frames: about 5 a second, enough to see learning move, little enough to cost little. */
const FRAME_EVERY_MS = 200;

/**
 * The worker side of a living diagram: traces the network the demo watches with the build's own
 * tracer and view code, tells the page what it draws, and sends a frame of its values — read from
 * the model itself — at progress reports (spaced) and at the end, then the trained model.
 */
export function livingWatcher(architecture: AnyArchitecture, send: (message: WorkerMessage, transfer?: Transferable[]) => void): Watcher & { readonly unfinished: boolean } {
  let watched: { model: tf.LayersModel; example: tf.Tensor[]; readers: Reader[] } | undefined;
  let lastFrame = -Infinity;
  let at = 'Starting';

  function frame(): void {
    if (!watched) return;
    lastFrame = performance.now();
    const { example, readers } = watched;
    // Each read disposes what it computes; the weights it reads are the model's own variables.
    const views = readers.map((r) => r.read(example.length === 1 ? example[0]! : example));
    send({ type: 'frame', at, views }, [...new Set(views.flatMap((v) => [v.cells.buffer, v.weights.buffer]))]);
  }

  return {
    get unfinished() {
      return watched !== undefined;
    },
    watch(model, example) {
      if (watched) throw new Error(`${architecture.id}: the demo watched a second network in one run`);
      // The watcher owns the example from here: kept (a tidy around the demo's code must not take it) and disposed at `finish`.
      const examples = (Array.isArray(example) ? example : [example]).map((t) => tf.keep(t));
      const { readers, message } = describeNetwork(architecture, model, examples.length === 1 ? examples[0]! : examples);
      watched = { model, example: examples, readers };
      send(message);
      frame();
    },
    reported(update: ProgressUpdate) {
      at = `${update.label}: ${update.done} of ${update.total} ${update.unit}`;
      if (performance.now() - lastFrame >= FRAME_EVERY_MS) frame();
    },
    finish() {
      if (!watched) return;
      at = 'Trained';
      frame();
      const { model, example } = watched;
      const weightsFile = `${architecture.id}.weights.bin`;
      const { modelJson, weights } = savedModel(model, weightsFile);
      send({ type: 'model', modelJson, weightsFile, weights }, [weights]);
      tf.dispose(example);
      watched = undefined;
    },
  };
}
