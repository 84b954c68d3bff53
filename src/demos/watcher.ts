import * as tf from '@tensorflow/tfjs';
import type { AnyArchitecture } from '../architecture/types';
import { traceNetwork } from '../graph/trace';
import { frameReader, type FrameReader } from '../live/frame';
import { liveJoin } from '../live/join';
import { specSignature } from '../live/signature';
import { livingSpecs } from '../live/views';
import type { ProgressUpdate, Watcher } from './progress-plan';
import type { WorkerMessage } from './protocol';

/** The least time between two frames: about 5 a second, enough to see learning move, little enough to cost little. */
const FRAME_EVERY_MS = 200;

/**
 * The worker side of a living diagram: traces the network the demo watches with the build's own
 * tracer and view code, tells the page what it draws, and sends a frame of its values — read from
 * the model itself — at progress reports (spaced) and at the end, then the trained model.
 */
export function livingWatcher(architecture: AnyArchitecture, send: (message: WorkerMessage, transfer?: Transferable[]) => void): Watcher & { readonly unfinished: boolean } {
  let watched: { model: tf.LayersModel; example: tf.Tensor[]; readers: FrameReader[] } | undefined;
  let lastFrame = -Infinity;
  let at = 'Starting';

  function frame(): void {
    if (!watched) return;
    lastFrame = performance.now();
    const { example, readers } = watched;
    // Each read disposes what it computes; the weights it reads are the model's own variables.
    const views = readers.map((r) => r.read(example.length === 1 ? example[0]! : example));
    send({ type: 'frame', at, views }, views.flatMap((v) => [v.cells.buffer, v.weights.buffer]));
  }

  return {
    get unfinished() {
      return watched !== undefined;
    },
    watch(model, example) {
      if (watched) throw new Error(`${architecture.id}: the demo watched a second network in one run`);
      const traced = traceNetwork(model, architecture.id);
      const sizes = new Map(traced.graph.groups.map((g) => [g.id, g.size]));
      const views = livingSpecs(architecture, traced).map(({ view, spec }) => ({ view, spec, join: liveJoin(traced, spec) }));
      // The watcher owns the example from here: kept (a tidy around the demo's code must not take it) and disposed at `finish`.
      const examples = (Array.isArray(example) ? example : [example]).map((t) => tf.keep(t));
      watched = { model, example: examples, readers: views.map((v) => frameReader(model, v.join, sizes)) };
      send({
        type: 'network',
        architecture: architecture.id,
        example: Array.from(examples[0]!.dataSync()),
        views: views.map(({ view, spec, join }) => ({
          view,
          signature: specSignature(spec),
          spec,
          cells: join.cells.map((c) => c.node),
          weights: join.weights.map((w) => ({ edge: w.edge, trainable: w.trainable })),
        })),
      });
      frame();
    },
    reported(update: ProgressUpdate) {
      at = `${update.label}: ${update.done} of ${update.total} ${update.unit}`;
      if (performance.now() - lastFrame >= FRAME_EVERY_MS) frame();
    },
    async finish() {
      if (!watched) return;
      at = 'Trained';
      frame();
      const { model, example } = watched;
      await model.save(
        tf.io.withSaveHandler(async (artifacts) => {
          const weightsFile = `${architecture.id}.weights.bin`;
          const weights = tf.io.CompositeArrayBuffer.join(artifacts.weightData);
          // The model.json that tf.LayersModel.save writes over HTTP or to files: topology, then the weights manifest.
          const modelJson = JSON.stringify({
            modelTopology: artifacts.modelTopology,
            format: artifacts.format,
            generatedBy: artifacts.generatedBy,
            convertedBy: artifacts.convertedBy ?? null,
            weightsManifest: [{ paths: [weightsFile], weights: artifacts.weightSpecs ?? [] }],
          });
          send({ type: 'model', modelJson, weightsFile, weights }, [weights]);
          return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
        }),
      );
      tf.dispose(example);
      watched = undefined;
    },
  };
}
