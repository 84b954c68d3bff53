/**
 * The browser tests' shared infrastructure: the built site in `dist/`, served by Astro's own
 * `preview()` (the server `npm start` runs, with its 404 page and base path) and driven by headless
 * Chromium (tests/support/chromium.ts). Read this before adding a browser test.
 *
 * ## Visit each page once, and plug checks into that visit
 *
 * Page loads, axe-core and demo runs are what the browser suite spends its time on, and they grow
 * with the zoo. So each page is opened as few times as possible and every check that needs it runs
 * on that one visit. To check something in a browser, prefer, in this order:
 *
 * 1. **A page check** (tests/support/page-checks.ts): something every page, or some pages, must
 *    show in a colour scheme on a device. tests/browser/pages.test.ts opens every page of the site
 *    (the home page and every article) once per colour scheme (light, dark) and device (desktop
 *    1400 × 900, phone 390 × 844), runs on it every check that applies (one vitest test each, in
 *    the order the check files load: alphabetical), then fails the visit on a console error, an
 *    uncaught exception, a crash or a failed request. Add a file
 *    `tests/browser/page-checks/<topic>.ts`; it is found by itself and costs no page load:
 *
 *        import { expect } from 'vitest';
 *        import { isArticle, pageCheck } from '../../support/page-checks';
 *        pageCheck('keeps every diagram text at 4.5:1 against its background', { paths: isArticle }, async ({ page, scheme }) => {
 *          expect(await page.locator('svg[data-architecture] text').count()).toBeGreaterThan(0);
 *        });
 *
 *    Options narrow it to `paths`, `schemes` (`light`, `dark`) and `devices` (`desktop`, `phone`).
 *    A check gets the page as the earlier checks left it, so it must leave it as it found it (close
 *    a dialog it opened, scroll back); a check that needs a fresh page or changes it for good is a
 *    test of its own (3.).
 *
 * 2. **A demo check** (tests/support/demo-checks.ts): something every demo, or some, must show
 *    after it ran. tests/browser/every-demo.test.ts opens each demo's article once (light, desktop),
 *    runs the demo twice with its defaults (in a browser of its own, traced: no main-thread task
 *    may use 200 ms of CPU) and then runs every check of `tests/browser/demo-checks/<topic>.ts` on
 *    that page, with the metrics of the first run and the responses before and after it. To look
 *    at a result in the dark theme, `showScheme(page, 'dark')` switches the page's colour scheme in
 *    place, as a reader changing the system theme would (and back to `light` after):
 *
 *        demoCheck('keeps every plot text inside its canvas, in both themes', {}, async ({ page, root }) => {
 *          for (const scheme of ['light', 'dark'] as const) { await showScheme(page, scheme); … expect … }
 *        });
 *
 * 3. **A test of its own**, for interactions that need a fresh page or change it (a cancelled run,
 *    a tampered form, a route that breaks the .wasm): `const site = useBuiltSite()` registers the
 *    file's server and browser; write tests with `site.test`, whose `visit` fixture opens a page in
 *    a fresh context (viewport, colour scheme… from its options), and after the test closes it and
 *    fails the test on console errors, uncaught exceptions, crashes and failed requests (any
 *    response of 400 or more). Such tests may run concurrently (`describe.concurrent`): each test's
 *    pages are its own. `visit(path, { ownBrowser: true })` opens the page in a browser no other
 *    test uses meanwhile, for browser-wide tools such as tracing (tests/support/main-thread.ts):
 *
 *        const { test: it } = useBuiltSite();
 *        describe.concurrent('the Zoom dialog', () => {
 *          it('closes with Escape', async ({ visit, expect }) => { const { page } = await visit(path, DEVICES.phone); … });
 *        });
 *
 *    (Use the `expect` of the test's context in concurrent tests, as vitest asks.)
 *
 * ## Concurrency and time
 *
 * Visits run concurrently, up to vitest's `maxConcurrency` (vitest.config.ts) per file, and files in
 * parallel worker processes: a 2-core machine keeps both cores busy while one page waits for the
 * network, the other runs axe-core. No assertion may depend on how fast the machine is (it is
 * often shared): assert on what the page shows, on counts and on CPU time, never on wall-clock
 * time, and wait for conditions (`expect.poll`, `waitForFunction`, events) rather than for fixed
 * delays. Timeouts are guards against hanging only, generous enough for a loaded machine.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, test as baseTest } from 'vitest';
import { launchChromium } from './chromium';
import { preview } from 'astro';

export const ROOT_DIR = fileURLToPath(new URL('../../', import.meta.url));
export const DIST_DIR = fileURLToPath(new URL('../../dist/', import.meta.url));
const DIST_INDEX = fileURLToPath(new URL('../../dist/index.html', import.meta.url));
const HOOK_TIMEOUT = 120_000;
/** Playwright's own waits (navigation, locators): a guard against hanging, not a speed requirement. */
const PLAYWRIGHT_TIMEOUT = 90_000;

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
  /** The browser showing the page (one of the test's own with `ownBrowser`). */
  browser: Browser;
  /** Console errors, uncaught exceptions, crashes and failed requests seen on this page. */
  problems: string[];
  /** Every response the page received, in order, from the first navigation on. */
  responses: RecordedResponse[];
  /** Closes the page (and its own browser, if it had one); safe to call twice. */
  close(): Promise<void>;
}

export interface VisitOptions extends BrowserContextOptions {
  /** The status the page must answer with (200). */
  expectedStatus?: number;
  /** Open the page in a browser of its own, launched for it and closed with it (for tracing). */
  ownBrowser?: boolean;
}

/** Opens `path` in a fresh browser context and expects its status; `expectedStatus` may also come third. */
export type VisitFn = (path: string, options?: VisitOptions, expectedStatus?: number) => Promise<Visit>;

export interface BuiltSite {
  /** The base URL the site is served at (no trailing slash). */
  url(): string;
  /** vitest's `test` with a `visit` fixture: pages closed and checked for problems after each test; safe in concurrent tests. */
  test: SiteTest;
  /** A page the caller closes (`await v.close()`) and checks (`expectNoProblems(v)`): for visits shared by several tests. */
  open: VisitFn;
  /**
   * For sequential tests written before `test`: pages are closed and checked after each test
   * (afterEach). Do not use it in concurrent tests (it cannot tell whose page is whose).
   */
  visit: VisitFn;
}

const BODYLESS_RESOURCE_TYPES = new Set(['image', 'font', 'media']);

/** URLs of responses (from index `from` on) whose body contains `needle`. */
export async function urlsWhoseBodyContains(v: Visit, needle: string, from = 0): Promise<string[]> {
  const recorded = v.responses.slice(from);
  const bodies = await Promise.all(recorded.map((r) => r.body));
  return recorded.filter((_, i) => bodies[i]!.includes(needle)).map((r) => r.url);
}

/** Fails on the console errors, uncaught exceptions, crashes and failed requests of the visits. */
export function expectNoProblems(...visits: Visit[]): void {
  const report = visits.filter((v) => v.problems.length > 0).map((v) => `${v.path}:\n  ${v.problems.join('\n  ')}`);
  expect(report, 'visited pages must not log console errors, throw, crash or fail a request').toEqual([]);
}

/**
 * Switches the page's colour scheme in place (`prefers-color-scheme`), as a reader changing the
 * system theme would, and waits until the site shows it (Starlight follows the system while the
 * reader has not picked a theme).
 */
export async function showScheme(page: Page, scheme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  await page.waitForFunction((s) => document.documentElement.dataset.theme === s, scheme);
}

/** vitest's `test` with a `visit` fixture opening pages through `open`, closed and checked after each test. */
function siteTest(open: VisitFn) {
  return baseTest.extend<{ visit: VisitFn }>({
    // eslint-disable-next-line no-empty-pattern -- vitest reads the fixtures a fixture needs from this pattern
    visit: async ({}, use) => {
      const opened: Visit[] = [];
      await use(async (path, options, status) => {
        const v = await open(path, options, status);
        opened.push(v);
        return v;
      });
      await Promise.all(opened.map((v) => v.close()));
      expectNoProblems(...opened);
    },
  });
}
type SiteTest = ReturnType<typeof siteTest>;

/** Registers this file's site server and browser (beforeAll/afterAll) and returns ways to open pages. */
export function useBuiltSite(): BuiltSite {
  let server: { url: string; close(): Promise<void> } | undefined;
  let browser: Browser | undefined;
  /** Browsers launched for one visit each (`ownBrowser`) and still open: closed in afterAll at the latest. */
  const ownBrowsers = new Set<Browser>();
  /** Pages opened through `visit` by the current (sequential) test; checked and closed in afterEach. */
  let sequentialVisits: Visit[] = [];

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
    await Promise.all([browser, ...ownBrowsers].map((b) => b?.close()));
    ownBrowsers.clear();
    await server?.close();
  }, HOOK_TIMEOUT);

  afterEach(async () => {
    const finished = sequentialVisits;
    sequentialVisits = [];
    await Promise.all(finished.map((v) => v.close()));
    expectNoProblems(...finished);
  }, HOOK_TIMEOUT);

  const open: VisitFn = async (path, options = {}, status) => {
    if (!browser || !server) throw new Error('browser tests are not set up (beforeAll failed)');
    const { expectedStatus = status ?? 200, ownBrowser = false, ...contextOptions } = options;
    // A browser of its own is launched for the visit and closed with it (a launch takes a fraction of
    // a second): nothing a traced or crashed page leaves behind reaches another test.
    const own = ownBrowser ? await launchChromium() : undefined;
    if (own) ownBrowsers.add(own);
    const closeOwn = async () => {
      if (!own) return;
      ownBrowsers.delete(own);
      await own.close().catch(() => undefined);
    };
    const shownBy = own ?? browser;
    let context: BrowserContext;
    try {
      context = await shownBy.newContext(contextOptions);
    } catch (error) {
      await closeOwn();
      throw error;
    }
    context.setDefaultTimeout(PLAYWRIGHT_TIMEOUT);
    const page = await context.newPage();
    let closed: Promise<void> | undefined;
    const v: Visit = {
      path,
      page,
      context,
      browser: shownBy,
      problems: [],
      responses: [],
      close: () =>
        (closed ??= context
          .close()
          .catch(() => undefined)
          .then(closeOwn)),
    };

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

    try {
      const response = await page.goto(new URL(path, server.url).href, { waitUntil: 'load' });
      expect(response?.status(), `GET ${path} should return ${expectedStatus} (does dist/ contain this page?)`).toBe(expectedStatus);
    } catch (error) {
      await v.close();
      throw error;
    }
    return v;
  };

  const test = siteTest(open);
  const visit: VisitFn = async (path, options, status) => {
    const v = await open(path, options, status);
    sequentialVisits.push(v);
    return v;
  };

  return { url: () => server?.url ?? '', test, open, visit };
}
