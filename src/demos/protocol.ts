import type { ProgressUpdate } from './progress-plan';
import type { DemoResult } from './types';

/** Page → worker: run demo `id` with the form's raw slider values (the worker parses them). */
export interface RunRequest {
  readonly type: 'run';
  readonly id: string;
  readonly params: Readonly<Record<string, string>>;
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
    }
  | { readonly type: 'failed'; readonly message: string };
