/**
 * Every demo's figures, made by running the demo itself (its real plotting code on its real data)
 * at its cheapest settings: the parameters that only cost time (epochs, training steps, training
 * images) at their minimum, the rest at their defaults. Interim figures (`progress.show`) are kept
 * too, and the metrics. For tests that check what every figure draws, without a browser.
 */
import { readdirSync } from 'node:fs';
import { isPixels, parseParams } from '../../src/demos/params';
import { progressPlan } from '../../src/demos/progress-plan';
import type { DemoDefinition, DemoMetric } from '../../src/demos/types';
import { PROJECT_ROOT } from './temp-project';

/** Parameters that change how long a demo runs, not what its figures show. */
const COST = ['epochs', 'steps', 'trainImages'];

export const DEMO_IDS: readonly string[] = readdirSync(`${PROJECT_ROOT}src/demos/architectures`)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.params.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();

export interface DemoFigures {
  readonly id: string;
  /** The result's figures, then any interim ones. */
  readonly figures: readonly string[];
  readonly metrics: readonly DemoMetric[];
}

const runs = new Map<string, Promise<DemoFigures>>();

/** The figures of demo `id`, run once per test file however many tests ask. */
export function demoFigures(id: string): Promise<DemoFigures> {
  let run = runs.get(id);
  if (!run) runs.set(id, (run = runDemo(id)));
  return run;
}

async function runDemo(id: string): Promise<DemoFigures> {
  const demo = ((await import(`../../src/demos/architectures/${id}.ts`)) as { default: DemoDefinition }).default;
  const cheap = Object.fromEntries(demo.params.flatMap((p) => (COST.includes(p.name) && !isPixels(p) ? [[p.name, String(p.min)]] : [])));
  const interim: string[] = [];
  const result = await demo.run(parseParams(demo.params, cheap), progressPlan(demo.stages, () => {}, (plots) => interim.push(...plots)));
  return { id, figures: [...result.plots, ...interim], metrics: result.metrics };
}
