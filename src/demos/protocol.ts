import type { LivingSpec } from '../live/views';
import type { ProgressUpdate } from './progress-plan';
import type { DemoResult } from './types';

/**
 * The running network as one view draws it: the spec (what the build's view code makes of the
 * network), its signature, and the order of the values every frame carries for it: `cells` (drawn
 * node ids) and `weights` (drawn lines, `from|to|kind`). The internals view carries, per node, its
 * value at every step of the example for every unit (`sequence`; src/live/gates.ts) and no weights.
 */
export type LivingViewMessage = LivingSpec & {
  readonly signature: string;
  readonly cells: readonly string[];
  /** `stands`: a bundle or a line onto an ellipsis, standing for that many connections (its value is their weights' RMS). */
  readonly weights: readonly { readonly edge: string; readonly trainable: boolean; readonly stands?: number }[];
  readonly sequence?: { readonly steps: number; readonly units: number };
};

/** One frame: where the run was, and per view (in the `network` message's order) the values. */
export interface LivingFrameMessage {
  readonly type: 'frame';
  /** What the run had done when the frame was read ("Training the GRU: 120 of 400 steps"). */
  readonly at: string;
  readonly views: readonly { readonly cells: Float32Array; readonly weights: Float32Array }[];
}

/**
 * The trained network, saved as tf.LayersModel.save writes it: the model.json (topology and the
 * weights manifest, naming `weightsFile`) and the binary weights it names.
 */
export interface TrainedModelMessage {
  readonly type: 'model';
  readonly modelJson: string;
  readonly weightsFile: string;
  readonly weights: ArrayBuffer;
}

/** Page → worker: run demo `id` with the form's raw slider values (the worker parses them). */
export interface RunRequest {
  readonly type: 'run';
  readonly id: string;
  readonly params: Readonly<Record<string, string>>;
  /**
   * Overrides the demo's declared backend: the page's `?backend=cpu|wasm` query, so the same
   * build can be timed on both (bench/demo-backends.ts). Checked by the worker.
   */
  readonly backend?: string;
}

/**
 * Page → worker, between runs: draw the network the form's values make, without running it (the
 * reader moved a slider). Numbered: the page shows only the answer to its latest request.
 */
export interface DrawRequest {
  readonly type: 'draw';
  readonly draw: number;
  readonly id: string;
  readonly params: Readonly<Record<string, string>>;
  readonly backend?: string;
}

export type PageRequest = RunRequest | DrawRequest;

/** The network the living diagram shows: its views, and the example whose values the frames hold. */
export interface NetworkMessage {
  readonly type: 'network';
  readonly architecture: string;
  readonly example: readonly number[];
  readonly views: readonly LivingViewMessage[];
}

/**
 * Worker → page, zero or more `progress` and `preview` messages and then exactly one `done` or
 * `failed` per run; one `drawn` (and a `code`) per DrawRequest. A `preview` shows plots of the run
 * so far (a map organising itself) until the next preview or the result replaces them.
 */
export type WorkerMessage =
  | { readonly type: 'progress'; readonly update: ProgressUpdate }
  | { readonly type: 'preview'; readonly plots: readonly string[] }
  /** The network the living diagram shows, once per run, before its first frame. */
  | NetworkMessage
  /** The answer to a DrawRequest: the network the reader's values make, untrained (no frames follow), or why it could not be built. */
  | ({ readonly type: 'drawn'; readonly draw: number } & ({ readonly network: NetworkMessage } | { readonly error: string }))
  | LivingFrameMessage
  | TrainedModelMessage
  /** The TensorFlow.js code that builds the living network at the reader's parameters (sent when they are not the defaults). */
  /** With `draw`: the code of the network a DrawRequest drew. */
  | { readonly type: 'code'; readonly code: string; readonly parameters: string; readonly draw?: number }
  | {
      readonly type: 'done';
      readonly result: DemoResult;
      /** tf.memory().numTensors after the run: unchanged from run to run unless the demo leaks. */
      readonly tensors: number;
      /** The DEMO_MARKER of the bundle that ran. */
      readonly runtime: string;
      /** tf.getBackend() in the worker when the run ended: the backend that really ran it. */
      readonly backend: string;
      /** Why the demo did not run on the backend it declares (WebAssembly could not start). */
      readonly backendNote?: string;
    }
  | { readonly type: 'failed'; readonly message: string };
