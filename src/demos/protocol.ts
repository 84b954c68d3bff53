import type { ProgressUpdate } from './progress-plan';
import type { DemoResult } from './types';

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
 * Worker → page, zero or more `progress` and `preview` messages and then exactly one `done` or
 * `failed` per run. A `preview` shows plots of the run so far (a map organising itself) until the
 * next preview or the result replaces them.
 */
export type WorkerMessage =
  | { readonly type: 'progress'; readonly update: ProgressUpdate }
  | { readonly type: 'preview'; readonly plots: readonly string[] }
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
