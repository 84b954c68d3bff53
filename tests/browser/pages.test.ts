/**
 * Every page of the built site (`npm test` builds it first), visited once per colour scheme and
 * device, with every page check of tests/browser/page-checks/ run on that one visit (how to add one:
 * the top of tests/support/site-browser.ts). Each visit is a group of tests, one per check in the
 * order the check files load, and a last one that fails on the visit's console errors, uncaught
 * exceptions, crashes and failed requests. Visits run concurrently (vitest's maxConcurrency); the
 * checks of one visit run one after another on its page.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { DEVICE_NAMES, DEVICES, registeredPageChecks, SCHEMES, sitePages } from '../support/page-checks';
import { expectNoProblems, useBuiltSite, type Visit } from '../support/site-browser';

import.meta.glob('./page-checks/*.ts', { eager: true });

const site = useBuiltSite();
const checks = registeredPageChecks();

describe.concurrent('every page, once per colour scheme and device', () => {
  it('has page checks to run', { concurrent: false }, ({ expect }) => {
    expect(checks.length).toBeGreaterThan(0);
  });

  for (const path of sitePages())
    for (const scheme of SCHEMES)
      for (const device of DEVICE_NAMES) {
        const target = { path, scheme, device };
        describe(`${path} (${scheme}, ${device})`, () => {
          let visit: Visit | undefined;
          beforeAll(async () => {
            visit = await site.open(path, { ...DEVICES[device], colorScheme: scheme });
          });
          afterAll(() => visit?.close());

          for (const check of checks.filter((c) => c.appliesTo(target)))
            it(check.name, { concurrent: false, timeout: check.timeout }, () => check.run({ ...target, page: visit!.page, visit: visit! }));
          it('logs no console error, throws nothing, crashes nothing and fails no request', { concurrent: false }, () => expectNoProblems(visit!));
        });
      }
});
