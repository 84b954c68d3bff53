/**
 * The tfjs backend each demo declares (`backend` in src/demos/architectures/<id>.ts, default cpu) is
 * the one that really runs it in the browser: every-demo.test.ts checks that for every demo on its
 * one visit (tests/browser/demo-checks/backend.ts). Here: at least one demo declares WebAssembly, and
 * where WebAssembly cannot start, the demo still runs, on the CPU backend, and says so.
 */
import { describe } from 'vitest';
import type { DemoDefinition } from '../../src/demos/types';
import { DEMO_IDS } from '../support/demo-checks';
import { DEMO_TIMEOUT, demoRoot, expectDemoDone, runDemo } from '../support/demo-driver';
import { useBuiltSite, type Visit } from '../support/site-browser';

const declared = await Promise.all(
  DEMO_IDS.map(async (id) => {
    const demo = ((await import(`../../src/demos/architectures/${id}.ts`)) as { default: DemoDefinition }).default;
    return { id, backend: demo.backend ?? 'cpu' };
  }),
);
const WASM_DEMOS = declared.filter((d) => d.backend === 'wasm').map((d) => d.id);

const { test: it } = useBuiltSite();

const wasmFetches = (v: Visit) => v.responses.filter((r) => new URL(r.url).pathname.endsWith('.wasm'));

describe.concurrent('demo backends', () => {
  it('at least one demo declares the WebAssembly backend (else the wasm checks test nothing)', ({ expect }) => {
    expect(WASM_DEMOS.length).toBeGreaterThan(0);
  });

  it('falls back to the CPU backend, with a visible note, when WebAssembly cannot start', async ({ visit, expect }) => {
    const id = WASM_DEMOS[0]!;
    const v = await visit(`/architectures/${id}/`);
    // A .wasm that is not WebAssembly: compiling it fails as a blocked or broken binary would.
    await v.page.route(/\.wasm$/, (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: 'not WebAssembly' }));
    await v.page.waitForLoadState('networkidle');
    await expectDemoDone(v.page, id, await runDemo(v.page, id));
    const root = demoRoot(v.page, id);
    expect(await root.getAttribute('data-demo-backend')).toBe('cpu');
    expect(await root.locator('[data-demo-backend-label]').innerText()).toBe('CPU (JavaScript)');
    expect(await root.locator('[data-demo-backend-note]').innerText()).toMatch(/WebAssembly did not start.*running on the cpu backend instead/);
    expect(wasmFetches(v).length, 'WebAssembly was tried').toBeGreaterThan(0);
  }, DEMO_TIMEOUT + 30_000);
});
