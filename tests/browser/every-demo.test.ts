/**
 * Every demo on the site, found from src/demos/architectures/*.params.ts (no list to keep), meets the
 * demo standard with its default parameters: it runs to `done` twice in the worker without any
 * main-thread task that draws using 50 ms of CPU (nor any other 200 ms), shows progress while it runs, reports a numeric metric and a
 * drawn plot, and a second run leaves the live tensor count where the first left it. Then every demo
 * check of tests/browser/demo-checks/ (metrics in range, the backend that ran, accessibility…) runs
 * on the same page (how to add one: the top of tests/support/site-browser.ts).
 *
 * Each demo's page is opened once, in a browser of its own, which is traced during the two runs:
 * the trace's thread time of each renderer main-thread task is its CPU time, which a busy machine
 * does not inflate the way it does wall time (tests/support/main-thread.ts). Demos run
 * concurrently (vitest's maxConcurrency).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { DEMO_IDS, registeredDemoChecks } from '../support/demo-checks';
import { DEMO_TIMEOUT, demoRoot, expectDemoDone, progressValues, recordProgress, runDemo } from '../support/demo-driver';
import { describeTask, traceMainThread } from '../support/main-thread';
import { expectNoProblems, useBuiltSite, type Visit } from '../support/site-browser';

import.meta.glob('./demo-checks/*.ts', { eager: true });

/**
 * The longest a main-thread task that draws (an animation frame, restyling, layout or paint) may
 * compute, in ms of CPU: the living diagram and the previews are drawn in animation frames, and one
 * that takes longer than this is a visible stall. Measured 4–20 ms per demo alone (the Transformer's
 * first showing of its drawing the most).
 */
const MAX_DRAWING_CPU_MS = 50;
/**
 * The longest any main-thread task may compute, in ms of CPU, before a reader feels the page freeze.
 * Apart from drawing there is little: handling the worker's messages, and the browser's own work
 * (tasks of 80–130 ms without a traced step inside turn up now and then in the loaded suite, more
 * with the packaged Chromium, never when a demo runs alone).
 */
const MAX_TASK_CPU_MS = 200;

const site = useBuiltSite();
const checks = registeredDemoChecks();

describe.concurrent('every demo, run twice on one visit', () => {
  for (const id of DEMO_IDS) {
    describe(`the ${id} demo`, () => {
      let visit: Visit | undefined;
      let ran = false;
      const record = { firstRunMetrics: {} as Record<string, string>, responsesBeforeFirstRun: 0, responsesAfterFirstRun: 0 };

      beforeAll(async () => {
        visit = await site.open(`/architectures/${id}/`, { ownBrowser: true });
        await visit.page.waitForLoadState('networkidle');
      });
      afterAll(() => visit?.close());

      it(
        `runs twice with its defaults: responsive (no main-thread task that draws over ${MAX_DRAWING_CPU_MS} ms of CPU, none at all over ${MAX_TASK_CPU_MS}), with progress, a metric and a plot, leaking no tensor`,
        { concurrent: false, timeout: 2 * DEMO_TIMEOUT + 30_000 },
        async ({ expect }) => {
          const { page } = visit!;
          const root = demoRoot(page, id);
          expect(await root.getAttribute('data-demo-status'), 'status before start').toBe('idle');
          await recordProgress(page, id);
          const stopTrace = await traceMainThread(page, site.url());

          record.responsesBeforeFirstRun = visit!.responses.length;
          await expectDemoDone(page, id, await runDemo(page, id));
          record.responsesAfterFirstRun = visit!.responses.length;
          record.firstRunMetrics = await root.locator('[data-demo-metric]').evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-demo-metric') ?? '', e.textContent ?? ''])));
          const progress = await progressValues(page, id);
          expect(progress.length, 'progress bar updates during a run').toBeGreaterThanOrEqual(2);
          expect(progress, 'progress never goes backwards within a run').toEqual([...progress].sort((a, b) => a - b));
          const metrics = await root.locator('[data-demo-metric]').allTextContents();
          expect(metrics.length, 'at least one metric').toBeGreaterThan(0);
          for (const m of metrics) expect(Number.isFinite(Number(m.trim())), `metric "${m}" is a number`).toBe(true);
          // A result figure: a titled SVG image with marks (lines, dots, bars, pixels) and a visible size.
          const figures = await root.locator('svg[role="img"]').evaluateAll((svgs) =>
            svgs.map((svg) => ({ title: svg.querySelector('title')?.textContent ?? '', marks: svg.querySelectorAll('path, polyline, circle, rect, image').length, width: svg.getBoundingClientRect().width })),
          );
          expect(figures.filter((f) => f.title && f.marks > 0 && f.width > 0).length, 'a titled result figure with something drawn').toBeGreaterThan(0);
          const first = await root.getAttribute('data-demo-tensors');
          expect(first, 'data-demo-tensors after the first run').toMatch(/^\d+$/);

          await expectDemoDone(page, id, await runDemo(page, id));
          expect(await root.getAttribute('data-demo-tensors'), 'live tensors after a second run equal those after the first').toBe(first);
          const { longest, longestDrawing } = await stopTrace();
          expect(longestDrawing, 'the page drew while the demo ran').toBeDefined();
          expect(longestDrawing!.cpu, `the longest main-thread task that drew during two runs used ${describeTask(longestDrawing)}`).toBeLessThan(MAX_DRAWING_CPU_MS);
          expect(longest!.cpu, `the longest main-thread task during two runs used ${describeTask(longest)}`).toBeLessThan(MAX_TASK_CPU_MS);
          ran = true;
        },
      );

      for (const check of checks.filter((c) => c.appliesTo(id)))
        it(check.name, { concurrent: false, timeout: check.timeout }, async ({ skip }) => {
          if (!ran) skip('the demo did not complete its runs');
          await check.run({ id, page: visit!.page, root: demoRoot(visit!.page, id), visit: visit!, origin: site.url(), ...record });
        });

      it('logs no console error, throws nothing, crashes nothing and fails no request', { concurrent: false }, () => expectNoProblems(visit!));
    });
  }
});
