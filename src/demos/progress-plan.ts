import type * as tf from '@tensorflow/tfjs';
import type { OnProgress } from '../network/training/progress';

/** One stretch of a demo run, named `<step>:<phase>`: the step the demo takes and the phase it reports. */
export interface Stage {
  readonly key: string;
  /** What the page announces when the stage begins, e.g. "Driving the reservoir". */
  readonly label: string;
  /** What `done` and `total` count, e.g. "steps". */
  readonly unit: string;
  /** What the reported error is, where the phase has one, e.g. "relative residual". */
  readonly errorLabel?: string;
  /** Share of the run's time, relative to the other stages (rough is fine: it only paces the bar). */
  readonly weight: number;
}

/** What the page is told: the current stage and how far it is, plus the whole run's fraction done. */
export interface ProgressUpdate {
  readonly stage: string;
  readonly label: string;
  readonly unit: string;
  readonly done: number;
  readonly total: number;
  readonly error?: { readonly label: string; readonly value: number };
  /** 0 … 1 over the whole run; never decreases, because stages run in the declared order. */
  readonly fraction: number;
}

export interface ProgressPlan {
  /** The reporter to hand to a definition's function: its phase `p` is reported as stage `<step>:p`. */
  within(step: string): OnProgress;
  /**
   * Shows plots of the run so far on the page, in place of the last ones, until the result comes.
   * Pass a function to draw them only when they will be shown: previews closer together than the
   * plan's `previewEvery` are dropped (the next one, or the result, replaces them anyway).
   */
  show(plots: readonly string[] | (() => readonly string[])): void;
  /**
   * Shows `model` — the page's own architecture, as the demo built it — on the page's living diagram,
   * its cells at `example` (a batch of one, which the plan takes over and disposes): a frame of its values at
   * each progress report from now on (spaced), and at `finish`. Once per run.
   */
  watch(model: tf.LayersModel, example: tf.Tensor | readonly tf.Tensor[]): void;
  /** The watched network's last frame, and the trained model offered for download: call before disposing it. */
  finish(): void;
}

/** What a plan does with a watched network: nothing (a run outside the page), or the worker's living diagram. */
export interface Watcher {
  watch(model: tf.LayersModel, example: tf.Tensor | readonly tf.Tensor[]): void;
  /** After every progress report: a frame, if one is due. */
  reported(update: ProgressUpdate): void;
  finish(): void;
}

/** Outside the page nobody watches: the example, which the plan owns, goes at once. */
const IGNORED: Watcher = {
  watch: (_model, example) => (Array.isArray(example) ? example : [example]).forEach((t: tf.Tensor) => t.dispose()),
  reported: () => {},
  finish: () => {},
};

export interface PlanOptions {
  /**
   * The least time between two previews, in ms (default 0: every one). The worker sets it so that a
   * demo may call `show` at every batch: the page redraws a few times a second, not hundreds, and a
   * dropped preview costs nothing when it is passed as a function.
   */
  readonly previewEvery?: number;
  /** The clock previews are spaced by (tests pass their own). */
  readonly now?: () => number;
  /** Where a watched network goes (default: nowhere). */
  readonly watcher?: Watcher;
}

/**
 * Turns phase reports from several calls into one run-wide progress, sent to `send`; interim plots
 * go to `preview` (dropped when there is none).
 */
export function progressPlan(
  stages: readonly Stage[],
  send: (update: ProgressUpdate) => void,
  preview: (plots: readonly string[]) => void = () => {},
  options: PlanOptions = {},
): ProgressPlan {
  const totalWeight = stages.reduce((sum, s) => sum + s.weight, 0);
  const { previewEvery = 0, now = () => performance.now(), watcher = IGNORED } = options;
  let lastPreview = -Infinity;
  return {
    watch: (model, example) => watcher.watch(model, example),
    finish: () => watcher.finish(),
    show: (plots) => {
      const at = now();
      if (at - lastPreview < previewEvery) return;
      lastPreview = at;
      preview(typeof plots === 'function' ? plots() : plots);
    },
    within: (step) => (progress) => {
      const key = `${step}:${progress.phase}`;
      const index = stages.findIndex((s) => s.key === key);
      const stage = stages[index];
      if (!stage) throw new Error(`progress for an undeclared stage: ${key} (declared: ${stages.map((s) => s.key).join(', ')})`);
      const before = stages.slice(0, index).reduce((sum, s) => sum + s.weight, 0);
      const share = progress.total > 0 ? Math.min(1, progress.done / progress.total) : 1;
      const update: ProgressUpdate = {
        stage: key,
        label: stage.label,
        unit: stage.unit,
        done: progress.done,
        total: progress.total,
        ...(progress.error !== undefined && stage.errorLabel ? { error: { label: stage.errorLabel, value: progress.error } } : {}),
        fraction: (before + stage.weight * share) / totalWeight,
      };
      send(update);
      watcher.reported(update);
    },
  };
}
