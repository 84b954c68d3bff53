/**
 * The tfjs backend each demo declares (`backend` in src/demos/architectures/<id>.ts, default cpu) is
 * the one that really runs it in the browser: the worker reports tf.getBackend() as
 * `data-demo-backend` and names it in the metrics line. WebAssembly comes from our own site (the
 * .wasm binaries the build emitted, under its base path), nothing from elsewhere; and where it
 * cannot start, the demo still runs, on the CPU backend, and says so.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DemoDefinition } from '../../src/demos/types';
import { DEMO_TIMEOUT, demoRoot, expectDemoDone, runDemo } from '../support/demo-driver';
import { useBuiltSite, type Visit } from '../support/site-browser';

const DEMO_IDS = readdirSync(new URL('../../src/demos/architectures/', import.meta.url))
  .filter((f) => f.endsWith('.params.ts'))
  .map((f) => f.replace(/\.params\.ts$/, ''))
  .sort();

const declared = await Promise.all(
  DEMO_IDS.map(async (id) => {
    const demo = ((await import(`../../src/demos/architectures/${id}.ts`)) as { default: DemoDefinition }).default;
    return { id, backend: demo.backend ?? 'cpu' };
  }),
);
const WASM_DEMOS = declared.filter((d) => d.backend === 'wasm').map((d) => d.id);

const { visit, url } = useBuiltSite();

/** Addresses the page asked for that are not on the test server (the site): none may be. */
const offSite = (v: Visit) => v.responses.map((r) => r.url).filter((u) => !u.startsWith(`${url()}/`) && !u.startsWith('data:') && !u.startsWith('blob:'));

const wasmFetches = (v: Visit) => v.responses.filter((r) => new URL(r.url).pathname.endsWith('.wasm'));

describe('demo backends', () => {
  it('at least one demo declares the WebAssembly backend (else this file tests nothing)', () => {
    expect(WASM_DEMOS.length).toBeGreaterThan(0);
  });

  describe.each(WASM_DEMOS)('the %s demo, declared wasm', (id) => {
    it('runs on the wasm backend, with the .wasm binary from the site itself, and says so', async () => {
      const v = await visit(`/architectures/${id}/`);
      await v.page.waitForLoadState('networkidle');
      expect(wasmFetches(v), 'no .wasm before the reader starts the demo').toEqual([]);
      await expectDemoDone(v.page, id, await runDemo(v.page, id));
      const root = demoRoot(v.page, id);
      expect(await root.getAttribute('data-demo-backend'), 'tf.getBackend() in the worker').toBe('wasm');
      expect(await root.locator('[data-demo-backend-label]').innerText()).toBe('WebAssembly');
      expect(await root.locator('[data-demo-backend-note]').count(), 'no fallback note').toBe(0);
      const binaries = wasmFetches(v);
      expect(binaries.length, 'one .wasm binary fetched').toBe(1);
      expect(new URL(binaries[0]!.url).pathname).toMatch(/\/_astro\/tfjs-backend-wasm(-simd)?-[\w-]+\.wasm$/);
      expect(binaries[0]!.status).toBe(200);
      expect(offSite(v), 'requests that left the site').toEqual([]);
    }, DEMO_TIMEOUT + 30_000);
  });

  it('falls back to the CPU backend, with a visible note, when WebAssembly cannot start', async () => {
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

  it('runs a demo that declares no backend on the CPU backend', async () => {
    const id = declared.find((d) => d.backend === 'cpu')!.id;
    const v = await visit(`/architectures/${id}/`);
    await v.page.waitForLoadState('networkidle');
    await expectDemoDone(v.page, id, await runDemo(v.page, id));
    expect(await demoRoot(v.page, id).getAttribute('data-demo-backend')).toBe('cpu');
    expect(wasmFetches(v), 'a CPU demo fetches no WebAssembly').toEqual([]);
  }, DEMO_TIMEOUT + 30_000);
});
