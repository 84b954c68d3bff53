/**
 * The built site in `dist/`, served by Astro's own `preview()` (the server `npm start` runs, with its
 * 404 page and base path) and driven by headless Chromium (tests/support/chromium.ts).
 * `useBuiltSite()` registers the suite's hooks: one server and one browser per file, and after each
 * test every visited page is checked for console errors, uncaught exceptions, crashes and failed
 * requests (any response of 400 or more).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchChromium } from './chromium';
import { preview } from 'astro';

export const ROOT_DIR = fileURLToPath(new URL('../../', import.meta.url));
export const DIST_DIR = fileURLToPath(new URL('../../dist/', import.meta.url));
const DIST_INDEX = fileURLToPath(new URL('../../dist/index.html', import.meta.url));
const HOOK_TIMEOUT = 120_000;

export interface RecordedResponse {
  url: string;
  status: number;
  resourceType: string;
  /** Response body as text ('' when the body is unavailable, e.g. redirects). */
  body: Promise<string>;
}

export interface Visit {
  path: string;
  page: Page;
  context: BrowserContext;
  /** Console errors, uncaught exceptions, crashes and failed requests seen on this page. */
  problems: string[];
  /** Every response the page received, in order, from the first navigation on. */
  responses: RecordedResponse[];
}

export interface BuiltSite {
  /** Opens `path` in a fresh browser context (viewport, colour scheme… from `options`) and expects `expectedStatus` (200). */
  visit(path: string, options?: BrowserContextOptions, expectedStatus?: number): Promise<Visit>;
  /** The base URL the site is served at. */
  url(): string;
}

const BODYLESS_RESOURCE_TYPES = new Set(['image', 'font', 'media']);

/** URLs of responses (from index `from` on) whose body contains `needle`. */
export async function urlsWhoseBodyContains(v: Visit, needle: string, from = 0): Promise<string[]> {
  const recorded = v.responses.slice(from);
  const bodies = await Promise.all(recorded.map((r) => r.body));
  return recorded.filter((_, i) => bodies[i]!.includes(needle)).map((r) => r.url);
}

export function useBuiltSite(): BuiltSite {
  let server: { url: string; close(): Promise<void> } | undefined;
  let browser: Browser | undefined;
  /** Pages opened by the current test; checked and closed in afterEach. */
  let visits: Visit[] = [];

  beforeAll(async () => {
    if (!existsSync(DIST_INDEX)) {
      throw new Error(
        `dist/index.html not found (looked in ${DIST_DIR}). The browser tests test the built site: ` +
          'run `npm run build` first (`npm test` does this for you).',
      );
    }
    const site = await preview({ root: ROOT_DIR, logLevel: 'error', server: { host: '127.0.0.1', port: 0 } });
    server = { url: `http://127.0.0.1:${site.port}`, close: () => site.stop() };
    browser = await launchChromium();
  }, HOOK_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, HOOK_TIMEOUT);

  afterEach(async () => {
    const finished = visits;
    visits = [];
    const report = finished
      .filter((v) => v.problems.length > 0)
      .map((v) => `${v.path}:\n  ${v.problems.join('\n  ')}`);
    await Promise.all(finished.map((v) => v.context.close().catch(() => undefined)));
    expect(report, 'visited pages must not log console errors, throw, crash or fail a request').toEqual([]);
  }, HOOK_TIMEOUT);

  async function visit(path: string, options: BrowserContextOptions = {}, expectedStatus = 200): Promise<Visit> {
    if (!browser || !server) throw new Error('browser tests are not set up (beforeAll failed)');
    const context = await browser.newContext(options);
    const page = await context.newPage();
    const v: Visit = { path, page, context, problems: [], responses: [] };
    visits.push(v);

    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const { url, lineNumber } = msg.location();
      // A page asked for with an expected error status logs that status itself.
      if (expectedStatus !== 200 && url === v.page.url() && msg.text().includes(`status of ${expectedStatus}`)) return;
      v.problems.push(`console.error: ${msg.text()}${url ? ` (at ${url}:${lineNumber})` : ''}`);
    });
    page.on('pageerror', (error) => v.problems.push(`uncaught exception: ${error.stack ?? error.message}`));
    page.on('crash', () => v.problems.push('the page crashed'));
    page.on('requestfailed', (request) => {
      // Leaving a page aborts what it was still loading; that is the browser's doing, not a fault.
      if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
      v.problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
    });
    page.on('response', (response) => {
      const resourceType = response.request().resourceType();
      const isThePage = response.request().isNavigationRequest() && response.status() === expectedStatus;
      if (response.status() >= 400 && !isThePage) v.problems.push(`HTTP ${response.status()}: ${response.url()}`);
      const body = BODYLESS_RESOURCE_TYPES.has(resourceType)
        ? Promise.resolve('')
        : response.body().then(
            (buffer) => buffer.toString('utf8'),
            () => '',
          );
      v.responses.push({ url: response.url(), status: response.status(), resourceType, body });
    });

    const response = await page.goto(new URL(path, server.url).href, { waitUntil: 'load' });
    expect(response?.status(), `GET ${path} should return ${expectedStatus} (does dist/ contain this page?)`).toBe(expectedStatus);
    return v;
  }

  return { visit, url: () => server?.url ?? '' };
}
