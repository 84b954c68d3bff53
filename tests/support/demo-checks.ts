/**
 * Demo checks: what a demo must show after it ran, registered once and run by
 * tests/browser/every-demo.test.ts on its one visit of each demo's article (light, desktop), after
 * the demo ran twice with its defaults (how it fits with the rest: the top of
 * tests/support/site-browser.ts). A check file `tests/browser/demo-checks/<topic>.ts` calls
 * `demoCheck(name, options, run)`; every-demo.test.ts loads every such file by itself.
 */
import { readdirSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { inScope, type Scope } from './check-scope';
import type { Visit } from './site-browser';

/** Every demo on the site, found from src/demos/architectures/*.params.ts (no list to keep). */
export const DEMO_IDS: readonly string[] = readdirSync(new URL('../../src/demos/architectures/', import.meta.url))
  .filter((f) => f.endsWith('.params.ts'))
  .map((f) => f.replace(/\.params\.ts$/, ''))
  .sort();

export interface DemoCheckContext {
  /** The demo's id (its architecture's). */
  id: string;
  page: Page;
  /** `[data-demo="<id>"]`. */
  root: Locator;
  visit: Visit;
  /** The site's base URL (no trailing slash). */
  origin: string;
  /** The text of every `[data-demo-metric]` after the first run, by metric name. */
  firstRunMetrics: Readonly<Record<string, string>>;
  /** How many responses `visit.responses` held before the first run started, and after it ended. */
  responsesBeforeFirstRun: number;
  responsesAfterFirstRun: number;
}

export interface DemoCheckOptions {
  /** The demos to check: a list of ids, or a predicate (default: every demo). */
  ids?: Scope<string>;
  /** Test timeout in ms (default: the suite's). A guard against hanging only. */
  timeout?: number;
}

export interface DemoCheck {
  name: string;
  timeout: number | undefined;
  appliesTo(id: string): boolean;
  run(context: DemoCheckContext): Promise<void>;
}

const registered: DemoCheck[] = [];

/** Registers a check to run on every demo it applies to, after the demo's two runs. */
export function demoCheck(name: string, options: DemoCheckOptions, run: (context: DemoCheckContext) => Promise<void>): void {
  const { ids, timeout } = options;
  registered.push({ name, timeout, appliesTo: inScope(ids), run });
}

/** The checks registered so far, in registration order. */
export const registeredDemoChecks = (): readonly DemoCheck[] => registered;

/**
 * Reads `read` until `done` holds or `timeout` ms pass, and returns the last reading (the fill button
 * loads its code, then draws; a living diagram paints its frame on the next animation frame). Checks
 * of concurrent visits cannot use expect.poll: it needs the global current test.
 */
export async function settled<T>(read: () => Promise<T>, done: (value: T) => boolean, timeout = 10_000): Promise<T> {
  const until = Date.now() + timeout;
  let value = await read();
  while (!done(value) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}
