/**
 * Browser tests of the demos on the built site (`npm test` builds it first).
 *
 * Contract with the site (src/components/Demo.astro and src/demos/start.ts):
 * - a root `[data-demo="<slug>"]` whose `data-demo-status` goes `idle` → `running` → `done` (or
 *   `error`), or `running` → `cancelled` when the reader cancels; any of the last three can start
 *   again;
 * - one button `button[data-demo-start]` inside it that starts a run and, while one runs, cancels it
 *   (its text is then "Cancel"); it is never disabled, so focus stays on it;
 * - a form `[data-demo-params]` of labelled range inputs (name = parameter), and for a drawing a
 *   hidden input (its name) kept in step with a group of `aria-pressed` pixel buttons, read when the
 *   run starts;
 * - `progress[data-demo-progress]`, whose value (0…1 of the whole run) grows during a run, and the
 *   `role="status"` line `[data-demo-message]`, which names the current stage;
 * - while a run goes on, `[data-demo-result]` may show interim plots (a map organising itself); it then
 *   carries `data-demo-preview` and `aria-busy="true"`, both gone when the run ends, and a run that
 *   ends without a result (error, cancel) leaves no interim plot behind;
 * - after a run, metric elements `[data-demo-metric="<name>"]` whose text is just a number, `<svg>`
 *   plots with at least two drawn `path`/`polyline` elements, `data-demo-tensors` on the root (live
 *   tfjs tensors in the worker, which serves every run until a cancel), `data-demo-runtime`
 *   (the marker below, handed back by the code that ran the network) and `data-demo-backend` (the tfjs
 *   backend that ran it, also named in the metrics line; see tests/browser/demo-backends.test.ts).
 * TensorFlow.js and the demo code load only when a demo is started, and run in a Web Worker: the
 * worker's bundle contains the literal `__RUNNABLE_ZOO_DEMO__` and TensorFlow.js; the page itself
 * fetches neither.
 */
import { describe } from 'vitest';
import { expectNoAxeViolations } from '../support/accessibility';
import { DEMO_TIMEOUT, demoRoot, expectDemoDone, progressValues, readMetric, recordProgress, runDemo, setParams } from '../support/demo-driver';
import { describeTask, traceMainThread } from '../support/main-thread';
import { urlsWhoseBodyContains, useBuiltSite } from '../support/site-browser';

/** Literal constant the lazily loaded demo module must contain (and nothing loaded earlier may). */
const DEMO_MARKER = '__RUNNABLE_ZOO_DEMO__';
/**
 * A string literal from @tensorflow/tfjs-core (its URL flag prefix in environment.ts) that survives
 * minification: it is in every bundle that contains TensorFlow.js.
 */
const TFJS_SIGNATURE = 'tfjsflags';
/** A flag name only the WebGL backend registers: absent from the lean tfjs the demos load (src/demos/tfjs-lean.ts). */
const WEBGL_BACKEND_SIGNATURE = 'WEBGL_VERSION';
/** The longest a main-thread task may compute before a reader feels the page freeze, in ms of CPU. */
const MAX_TASK_CPU_MS = 200;

interface DemoSpec {
  slug: string;
  label: string;
  path: string;
  metric: string;
  metricLabel: string;
}

const ESN: DemoSpec = {
  slug: 'echo-state-network',
  label: 'echo-state network',
  path: '/architectures/echo-state-network/',
  metric: 'nrmse',
  metricLabel: 'NRMSE',
};
const ELM: DemoSpec = {
  slug: 'extreme-learning-machine',
  label: 'extreme learning machine',
  path: '/architectures/extreme-learning-machine/',
  metric: 'rmse',
  metricLabel: 'RMSE',
};

const RBF: DemoSpec = {
  slug: 'radial-basis-network',
  label: 'radial basis network',
  path: '/architectures/radial-basis-network/',
  metric: 'rmse',
  metricLabel: 'RMSE',
};
const KOHONEN: DemoSpec = {
  slug: 'kohonen-network',
  label: 'Kohonen network',
  path: '/architectures/kohonen-network/',
  metric: 'quantisation-error',
  metricLabel: 'quantisation error',
};

const { test: it, url } = useBuiltSite();

/** Relative luminance contrast of two CSS colours as `rgb(…)`/`rgba(…)` strings (WCAG 2). */
function contrast(a: string, b: string): number {
  const luminance = (colour: string) => {
    const [r, g, bl] = (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe.concurrent('the echo-state network demo', () => {
  it('requests no TensorFlow.js or demo code until the demo is started, and loads it on start', async ({ visit, expect }) => {
    const v = await visit(ESN.path);
    const { page } = v;
    // Let lazy loading that is not tied to the button (idle callbacks, prefetch, …) happen first.
    await page.waitForLoadState('networkidle');
    expect(await demoRoot(page, ESN.slug).getAttribute('data-demo-status')).toBe('idle');

    expect(
      await urlsWhoseBodyContains(v, DEMO_MARKER),
      `responses containing ${DEMO_MARKER} before the demo was started`,
    ).toEqual([]);
    expect(
      await urlsWhoseBodyContains(v, TFJS_SIGNATURE),
      'responses containing TensorFlow.js before the demo was started',
    ).toEqual([]);
    expect(page.workers().map((w) => w.url()), 'workers before the demo was started').toEqual([]);
    const responsesBeforeStart = v.responses.length;

    // Wait for the whole run (done or error) so every request it makes is recorded.
    await runDemo(page, ESN.slug);

    expect(
      await urlsWhoseBodyContains(v, DEMO_MARKER, responsesBeforeStart),
      `after start, some response contains ${DEMO_MARKER}`,
    ).not.toEqual([]);
    const withTfjs = await urlsWhoseBodyContains(v, TFJS_SIGNATURE, responsesBeforeStart);
    expect(withTfjs, 'after start, some response contains TensorFlow.js').not.toEqual([]);

    // …and it is the worker that loads and runs them: the marker is in the worker's own script, the
    // result says it came from there, and the page's main thread never fetched TensorFlow.js.
    const workerUrls = page.workers().map((w) => w.url());
    expect(workerUrls, 'the demo runs in one worker').toHaveLength(1);
    expect(await urlsWhoseBodyContains(v, DEMO_MARKER, responsesBeforeStart), 'the worker script contains the marker').toContain(workerUrls[0]);
    expect(await demoRoot(page, ESN.slug).getAttribute('data-demo-runtime')).toBe(DEMO_MARKER);
    // TensorFlow.js runs in the worker and never on the page's main thread: tfjs-core keeps its engine
    // on the global object (\`_tfengine\`) of the realm that loaded it. (Resource timing cannot tell: a
    // module worker's own imports show up in the page's entries too.)
    expect(await page.evaluate(() => '_tfengine' in globalThis), 'TensorFlow.js running on the page itself').toBe(false);
    expect(await page.workers()[0]!.evaluate(() => '_tfengine' in globalThis), 'TensorFlow.js running in the worker').toBe(true);
    // The worker's bundle gets the lean tfjs too (astro.config.mjs, vite.worker.plugins).
    expect(await urlsWhoseBodyContains(v, WEBGL_BACKEND_SIGNATURE), 'responses containing the WebGL backend').toEqual([]);
  }, DEMO_TIMEOUT + 30_000);
});

describe.concurrent('the demos do not block the page', () => {
  it(`keeps every main-thread task under ${MAX_TASK_CPU_MS} ms of CPU while the echo-state network trains, even at its largest`, async ({ visit, expect }) => {
    // A browser of its own: tracing is browser-wide (tests/support/main-thread.ts).
    const { page } = await visit(ESN.path, { ownBrowser: true });
    await page.waitForLoadState('networkidle');
    const stopTrace = await traceMainThread(page, url());

    await expectDemoDone(page, ESN.slug, await runDemo(page, ESN.slug));
    await setParams(page, ESN.slug, { units: '400', density: '1' });
    await expectDemoDone(page, ESN.slug, await runDemo(page, ESN.slug));
    const { longest } = await stopTrace();
    expect(longest!.cpu, `the longest main-thread task during two runs used ${describeTask(longest)}`).toBeLessThan(MAX_TASK_CPU_MS);

    // The measurement sees a long task: a 250 ms busy loop in a task of the page's own is the task
    // it finds longest, with CPU time of its own (as much as the machine gave it: at most its wall time).
    const stopBusyTrace = await traceMainThread(page, url());
    await page.evaluate(
      () =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            const until = performance.now() + 250;
            while (performance.now() < until);
            resolve();
          }),
        ),
    );
    const busy = await stopBusyTrace();
    expect(busy.longest!.wall, `the task found longest (${describeTask(busy.longest)}) is the busy loop`).toBeGreaterThanOrEqual(250);
    expect(busy.longest!.cpu).toBeGreaterThan(0);
    expect(busy.longest!.cpu).toBeLessThanOrEqual(busy.longest!.wall);
  }, 2 * DEMO_TIMEOUT + 30_000);

  it('shows progress as it runs: a growing progress bar and the stage in the status line, a few times a run', async ({ visit, expect }) => {
    const { page } = await visit(ESN.path);
    const message = demoRoot(page, ESN.slug).locator('[data-demo-message]');
    expect(await message.getAttribute('role')).toBe('status');
    await demoRoot(page, ESN.slug).evaluate((root) => {
      const line = root.querySelector('[data-demo-message]')!;
      const texts: string[] = [];
      (root as HTMLElement & { __texts?: string[] }).__texts = texts;
      new MutationObserver(() => texts.push(line.textContent ?? '')).observe(line, { childList: true, characterData: true, subtree: true });
    });
    await recordProgress(page, ESN.slug);

    await expectDemoDone(page, ESN.slug, await runDemo(page, ESN.slug));

    const values = await progressValues(page, ESN.slug);
    const during = values.filter((v) => v > 0 && v < 1);
    expect(during.length, `progress values strictly between 0 and 1 (saw ${JSON.stringify(values)})`).toBeGreaterThanOrEqual(3);
    expect([...values].sort((a, b) => a - b), 'the progress bar only moves forward').toEqual(values);
    const texts = await demoRoot(page, ESN.slug).evaluate((root) => (root as HTMLElement & { __texts?: string[] }).__texts ?? []);
    expect(texts.some((t) => /reservoir/i.test(t)), `a stage is named in the status line (saw ${JSON.stringify(texts)})`).toBe(true);
    // A screen reader hears each change of the live region: one per stage, not one per step.
    expect(new Set(texts).size, `status line changes during one run: ${JSON.stringify(texts)}`).toBeLessThanOrEqual(8);
    expect(await demoRoot(page, ESN.slug).locator('progress[data-demo-progress]').isHidden(), 'progress bar hidden after the run').toBe(true);
  }, DEMO_TIMEOUT + 30_000);

  it('cancels a run from the same button, keeps focus on it, and runs again afterwards', async ({ visit, expect }) => {
    const { page } = await visit(ESN.path);
    const root = demoRoot(page, ESN.slug);
    const button = root.locator('button[data-demo-start]');
    // The largest reservoir: a run long enough to cancel in the middle.
    await setParams(page, ESN.slug, { units: '400', density: '1' });
    await recordProgress(page, ESN.slug);

    await button.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => root.getAttribute('data-demo-status')).toBe('running');
    await expect.poll(async () => (await progressValues(page, ESN.slug)).some((v) => v > 0), { timeout: 30_000 }).toBe(true);
    expect(await button.textContent()).toBe('Cancel');
    expect(await button.isEnabled(), 'the run button stays enabled while running').toBe(true);

    await page.keyboard.press('Enter');
    expect(await root.getAttribute('data-demo-status')).toBe('cancelled');
    expect(await button.evaluate((el) => el === document.activeElement), 'focus stays on the button').toBe(true);
    expect(await button.textContent()).not.toBe('Cancel');
    // Stopped, not merely hidden: the worker is gone, so no result can turn up later.
    await expect.poll(() => page.workers().length, { timeout: 30_000 }).toBe(0);
    expect(await root.getAttribute('data-demo-status')).toBe('cancelled');
    expect(await root.locator('[data-demo-metric]').count()).toBe(0);

    await setParams(page, ESN.slug, { units: '100', density: '0.1' });
    await expectDemoDone(page, ESN.slug, await runDemo(page, ESN.slug));
    expect(await readMetric(page, ESN.slug, ESN.metric)).toBeLessThan(0.2);
    expect(await button.evaluate((el) => el === document.activeElement), 'focus is still on the button after the run').toBe(true);
  }, 2 * DEMO_TIMEOUT + 30_000);
});

describe.concurrent('the demo parameters change what the reader sees', () => {
  it('echo-state network: above spectral radius 1 the two copies never forget their different starts, and prediction suffers', async ({ visit, expect }) => {
    const { page } = await visit(ESN.path);
    await expectDemoDone(page, ESN.slug, await runDemo(page, ESN.slug));
    const fading = await readMetric(page, ESN.slug, 'state-distance');
    const good = await readMetric(page, ESN.slug, ESN.metric);

    await setParams(page, ESN.slug, { spectralRadius: '1.5' });
    await expectDemoDone(page, ESN.slug, await runDemo(page, ESN.slug));
    const persisting = await readMetric(page, ESN.slug, 'state-distance');
    const worse = await readMetric(page, ESN.slug, ESN.metric);

    expect(fading, 'state distance after 600 steps at spectral radius 0.9').toBeLessThan(1e-4);
    expect(persisting, 'state distance after 600 steps at spectral radius 1.5').toBeGreaterThan(1);
    expect(worse, 'held-out NRMSE at 1.5 against 0.9').toBeGreaterThan(10 * good);
  }, 2 * DEMO_TIMEOUT + 30_000);

  it('extreme learning machine: 2 hidden cells fit the curve far worse than 40', async ({ visit, expect }) => {
    const { page } = await visit(ELM.path);
    await expectDemoDone(page, ELM.slug, await runDemo(page, ELM.slug));
    const forty = await readMetric(page, ELM.slug, ELM.metric);
    await setParams(page, ELM.slug, { hidden: '2' });
    await expectDemoDone(page, ELM.slug, await runDemo(page, ELM.slug));
    const two = await readMetric(page, ELM.slug, ELM.metric);
    expect(two, 'RMSE with 2 hidden cells against 40').toBeGreaterThan(5 * forty);
  }, 2 * DEMO_TIMEOUT + 30_000);

  it('radial basis network: draws one bump per centre, and 2 centres fit far worse than 10', async ({ visit, expect }) => {
    const { page } = await visit(RBF.path);
    await setParams(page, RBF.slug, { centres: '12' });
    await expectDemoDone(page, RBF.slug, await runDemo(page, RBF.slug));
    const twelve = await readMetric(page, RBF.slug, RBF.metric);
    const subpaths = await demoRoot(page, RBF.slug).evaluate((root) => root.querySelector('[data-demo-result] path.rz-plot-thin')?.getAttribute('d')?.match(/M/g)?.length ?? 0);
    expect(subpaths, 'thin curves in the bumps plot, one per centre').toBe(12);
    await setParams(page, RBF.slug, { centres: '2' });
    await expectDemoDone(page, RBF.slug, await runDemo(page, RBF.slug));
    expect(await readMetric(page, RBF.slug, RBF.metric), 'RMSE with 2 centres against 12').toBeGreaterThan(5 * twelve);
  }, 2 * DEMO_TIMEOUT + 30_000);

  it('Kohonen network: shows the map while it organises itself, then the snapshots, with nothing left busy', async ({ visit, expect }) => {
    const { page } = await visit(KOHONEN.path);
    const result = demoRoot(page, KOHONEN.slug).locator('[data-demo-result]');
    await demoRoot(page, KOHONEN.slug).evaluate((root) => {
      const box = root.querySelector('[data-demo-result]')!;
      const seen: string[] = [];
      (root as HTMLElement & { __previews?: string[] }).__previews = seen;
      new MutationObserver(() => {
        if (box.hasAttribute('data-demo-preview')) seen.push(`${box.getAttribute('aria-busy')}|${box.querySelectorAll('svg rect').length}`);
      }).observe(box, { childList: true, attributes: true });
    });
    // A large, slow map, so the previews are not all over before the first is seen.
    await setParams(page, KOHONEN.slug, { side: '30', epochs: '40' });
    await expectDemoDone(page, KOHONEN.slug, await runDemo(page, KOHONEN.slug));
    const previews = await demoRoot(page, KOHONEN.slug).evaluate((root) => (root as HTMLElement & { __previews?: string[] }).__previews ?? []);
    expect(previews.length, 'interim maps shown during the run').toBeGreaterThanOrEqual(2);
    for (const p of previews) expect(p, 'a busy preview of one 30 × 30 map').toBe('true|900');
    expect(await result.getAttribute('aria-busy')).toBeNull();
    expect(await result.getAttribute('data-demo-preview')).toBeNull();
    const maps = await result.locator('svg.rz-colour-grid text').allTextContents();
    expect(maps, 'snapshots from the random start to the last epoch').toEqual(['start', 'epoch 8', 'epoch 16', 'epoch 24', 'epoch 32', 'epoch 40']);
  }, DEMO_TIMEOUT + 30_000);

  it('shows each slider’s value as it moves, on the log scale as a power of ten', async ({ visit, expect }) => {
    const { page } = await visit(ESN.path);
    const root = demoRoot(page, ESN.slug);
    await setParams(page, ESN.slug, { spectralRadius: '1.2', ridge: '-3' });
    const shown = (name: string) => root.locator(`output[for="${`rz-demo-${ESN.slug}-${name}`}"]`).textContent();
    expect(await shown('spectralRadius')).toBe('1.2');
    expect(await shown('ridge')).toBe('1e-3');
    expect(await root.locator('input[name="ridge"]').getAttribute('aria-valuetext')).toBe('1e-3');
  });

  it('reports a value the worker refuses as an error, not a crash', async ({ visit, expect }) => {
    const { page } = await visit(ESN.path);
    // A slider cannot leave its range; a tampered form can, and the worker checks it again.
    await demoRoot(page, ESN.slug).locator('input[name="units"]').evaluate((el: HTMLInputElement) => {
      el.max = '5000';
      el.value = '5000';
    });
    expect(await runDemo(page, ESN.slug)).toBe('error');
    expect(await demoRoot(page, ESN.slug).locator('[data-demo-message]').textContent()).toContain('invalid reservoir size: 5000 (expected 20 to 400');
  }, DEMO_TIMEOUT + 30_000);
});

describe.concurrent.each((['light', 'dark'] as const).flatMap((colorScheme) => [ESN, ELM, RBF, KOHONEN].map((demo) => ({ colorScheme, demo }))))('in the $colorScheme theme, the $demo.label demo', ({ colorScheme, demo }) => {
  it('passes axe-core with its form, before and after a run, and its plot marks keep 3:1 contrast', async ({ visit, expect }) => {
    const { page } = await visit(demo.path, { colorScheme });
    expect(await page.locator('html').getAttribute('data-theme')).toBe(colorScheme);
    const labels = await demoRoot(page, demo.slug).locator('[data-demo-params] input').evaluateAll((inputs) =>
      inputs.map((input) => ({ label: (input as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? '', type: input.getAttribute('type'), min: input.getAttribute('min'), max: input.getAttribute('max'), step: input.getAttribute('step') })),
    );
    expect(labels.length, 'sliders in the form').toBeGreaterThanOrEqual(2);
    for (const l of labels) expect(l, 'a labelled range input with min, max and step').toMatchObject({ label: expect.stringMatching(/\w/), type: 'range', min: expect.any(String), max: expect.any(String), step: expect.any(String) });
    await expectNoAxeViolations(page, `the ${demo.slug} demo before it runs (${colorScheme})`, `[data-demo="${demo.slug}"]`);

    await expectDemoDone(page, demo.slug, await runDemo(page, demo.slug));
    await expectNoAxeViolations(page, `the ${demo.slug} demo after it ran (${colorScheme})`, `[data-demo="${demo.slug}"]`);

    const colours = await demoRoot(page, demo.slug).evaluate((root) => {
      let element: Element | null = root;
      let background = 'rgba(0, 0, 0, 0)';
      while (element && /rgba\(.*, 0\)$|transparent/.test(background)) {
        background = getComputedStyle(element).backgroundColor;
        element = element.parentElement;
      }
      const strokes: Record<string, string> = {};
      for (const mark of ['band', 'line', 'dashed', 'dots', 'thin', 'axis']) {
        const drawn = root.querySelector(`[data-demo-result] .rz-plot-${mark}`);
        if (drawn) strokes[mark] = getComputedStyle(drawn).stroke;
      }
      return { background, strokes };
    });
    expect(Object.keys(colours.strokes).length, `marks drawn: ${JSON.stringify(colours.strokes)}`).toBeGreaterThanOrEqual(3);
    for (const [mark, stroke] of Object.entries(colours.strokes))
      expect(contrast(stroke, colours.background), `${mark} (${stroke}) against the page (${colours.background})`).toBeGreaterThanOrEqual(3);
    if (colours.strokes.band && colours.strokes.dashed)
      expect(contrast(colours.strokes.dashed, colours.strokes.band), 'dashed line against the band it is drawn over').toBeGreaterThanOrEqual(3);
  }, DEMO_TIMEOUT + 30_000);
});
