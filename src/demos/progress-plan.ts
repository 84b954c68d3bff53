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
}

export interface PlanOptions {
  /**
   * The least time between two previews, in ms (default 0: every one). The worker sets it so that a
   * demo may call `show` at every batch: the page redraws a few times a second, not hundreds, and a
   * dropped preview costs nothing when it is passed as a function.
   */
  readonly previewEvery?: number;
  /** The clock previews are spaced by (tests pass their own). */
  readonly now?: () => number;
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
  const { previewEvery = 0, now = () => performance.now() } = options;
  let lastPreview = -Infinity;
  return {
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
      send({
        stage: key,
        label: stage.label,
        unit: stage.unit,
        done: progress.done,
        total: progress.total,
        ...(progress.error !== undefined && stage.errorLabel ? { error: { label: stage.errorLabel, value: progress.error } } : {}),
        fraction: (before + stage.weight * share) / totalWeight,
      });
    },
  };
}
