export interface RunPlan {
  /** Counted runs wanted. */
  readonly runs: number;
  /** Once this much time (ms) has gone into counted runs, no run starts that would likely overrun it. */
  readonly budgetMs: number;
}

/**
 * Counted runs of `once`, each handed to `report` as it ends. At least one run is made; more only while another
 * (expected to last as long as the last one) still fits the budget, so a slow graph gets fewer runs
 * instead of stalling the bench.
 */
export async function countedRuns<T>(plan: RunPlan, once: (run: number) => Promise<T>, report: (result: T) => void): Promise<void> {
  const start = performance.now();
  let last = 0;
  for (let run = 0; run < plan.runs; run++) {
    if (run > 0 && performance.now() - start + last > plan.budgetMs) break;
    const began = performance.now();
    report(await once(run));
    last = performance.now() - began;
  }
}

/** `--runs N --budget MS` as the bench passes them to its children. */
export function runPlanFrom(values: { readonly runs?: string; readonly budget?: string }): RunPlan {
  const runs = Number(values.runs ?? 5);
  const budgetMs = Number(values.budget ?? 60_000);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`invalid --runs: ${values.runs}`);
  if (!(budgetMs > 0)) throw new Error(`invalid --budget: ${values.budget}`);
  return { runs, budgetMs };
}
