import type { AnyArchitecture } from '../architecture/types';
import type { MetricKind } from './format';
import type { ParamSchema, ParamValues } from './params';
import type { ProgressPlan, Stage } from './progress-plan';

/**
 * The tfjs backend a demo trains on. `cpu` (plain JavaScript kernels) is the default; `wasm` (tfjs's
 * WebAssembly backend, the .wasm files served from our own site) only where a browser measurement
 * showed it faster for that demo (README, "Demo backends").
 */
export type DemoBackend = 'cpu' | 'wasm';

export const DEMO_BACKENDS: readonly DemoBackend[] = ['cpu', 'wasm'];

export const isDemoBackend = (name: unknown): name is DemoBackend => DEMO_BACKENDS.includes(name as DemoBackend);

export interface DemoMetric {
  /** Machine name, exposed as data-demo-metric. */
  readonly name: string;
  readonly label: string;
  readonly value: number;
  /** What the number is, which says how it is printed (format.ts): `measure` unless given. */
  readonly kind?: MetricKind;
}

export interface DemoResult {
  readonly metrics: readonly DemoMetric[];
  /** Inline SVGs (role="img" with a <title>) showing the result, in reading order. */
  readonly plots: readonly string[];
}

/**
 * One architecture's demo, run inside the demo worker: the parameters the reader may set, the
 * stages it reports progress in, and the run itself (which builds the network from src/zoo).
 */
export interface DemoDefinition<S extends ParamSchema = ParamSchema> {
  readonly params: S;
  readonly stages: readonly Stage[];
  /**
   * The backend to train on (default `cpu`). Declare `wasm` only with a comment quoting the
   * measurement that shows it faster; the worker falls back to `cpu`, with a note, if WebAssembly
   * cannot start.
   */
  readonly backend?: DemoBackend;
  /**
   * The page's own architecture as the demo builds it (the network it passes to `progress.watch`):
   * `config(values)` is the definition's config at the reader's parameters. The site draws the
   * living diagram of the default parameters' network ahead of time from it; the run itself shows
   * whatever network the demo watches, laid out afresh when its drawing differs.
   */
  readonly living?: { readonly architecture: AnyArchitecture; config(values: ParamValues<S>): object };
  /** Synchronous for a solve; a Promise where training awaits tfjs (e.g. `model.fit` epoch by epoch). */
  run(values: ParamValues<S>, progress: ProgressPlan): DemoResult | Promise<DemoResult>;
}

/** Ties a demo's run to its own schema's value types. */
export const defineDemo = <const S extends ParamSchema>(demo: DemoDefinition<S>): DemoDefinition<S> => demo;
