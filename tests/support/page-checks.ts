/**
 * Page checks: what a page must show, registered once and run by tests/browser/pages.test.ts on its
 * one visit of each page per colour scheme and device (how it fits with the rest: the top of
 * tests/support/site-browser.ts). A check file `tests/browser/page-checks/<topic>.ts` calls
 * `pageCheck(name, options, run)`; pages.test.ts loads every such file by itself.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { inScope, type Scope } from './check-scope';
import { ROOT_DIR, type Visit } from './site-browser';

export const SCHEMES = ['light', 'dark'] as const;
export type Scheme = (typeof SCHEMES)[number];

/** The devices every page is visited on. */
export const DEVICES = {
  desktop: { viewport: { width: 1400, height: 900 } },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true },
} as const satisfies Record<string, BrowserContextOptions>;
export type DeviceName = keyof typeof DEVICES;
export const DEVICE_NAMES = Object.keys(DEVICES) as DeviceName[];

/** One visit: a page in a colour scheme on a device. */
export interface PageTarget {
  /** URL path, as `/architectures/lstm/`. */
  path: string;
  scheme: Scheme;
  device: DeviceName;
}

export interface PageCheckContext extends PageTarget {
  page: Page;
  /** The visit (responses received so far, problems seen so far). */
  visit: Visit;
}

export interface PageCheckOptions {
  /** The pages to check: a list of paths, or a predicate (default: every page). */
  paths?: Scope<string>;
  /** Default: both. */
  schemes?: readonly Scheme[];
  /** Default: both. */
  devices?: readonly DeviceName[];
  /** Test timeout in ms (default: the suite's). A guard against hanging only. */
  timeout?: number;
}

export interface PageCheck {
  name: string;
  timeout: number | undefined;
  appliesTo(target: PageTarget): boolean;
  run(context: PageCheckContext): Promise<void>;
}

const registered: PageCheck[] = [];

/** Registers a check to run on every visit it applies to (see PageCheckOptions). */
export function pageCheck(name: string, options: PageCheckOptions, run: (context: PageCheckContext) => Promise<void>): void {
  const { paths, schemes = SCHEMES, devices = DEVICE_NAMES, timeout } = options;
  const pathMatches = inScope(paths);
  registered.push({
    name,
    timeout,
    appliesTo: (t) => pathMatches(t.path) && schemes.includes(t.scheme) && devices.includes(t.device),
    run,
  });
}

/** The checks registered so far, in registration order. */
export const registeredPageChecks = (): readonly PageCheck[] => registered;

/** Every article, as its URL path, read from content/ (not from the build, which is what is tested). */
export function articlePaths(): string[] {
  const root = join(ROOT_DIR, 'content');
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  return walk(root)
    .filter((f) => /\.mdx?$/.test(f))
    .map((f) => relative(root, f).replace(/\.mdx?$/, ''))
    .filter((slug) => slug.includes('/')) // index and 404 sit at the top; articles live in sections
    .map((slug) => `/${slug}/`)
    .sort();
}

/** The pages every page check may visit: the home page and every article. */
export const sitePages = (): string[] => ['/', ...articlePaths()];

let articles: ReadonlySet<string> | undefined;
/** Is this path an article (not the home page)? */
export const isArticle = (path: string): boolean => (articles ??= new Set(articlePaths())).has(path);
