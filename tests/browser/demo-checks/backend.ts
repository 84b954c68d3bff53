/**
 * The tfjs backend each demo declares (`backend` in src/demos/architectures/<id>.ts, default cpu) is
 * the one that really ran it: the worker reports tf.getBackend() as `data-demo-backend` and names it
 * in the metrics line. A WebAssembly demo fetches its .wasm binary from our own site (the one the
 * build emitted, under its base path) only once the reader starts it, and nothing from elsewhere;
 * a CPU demo fetches no WebAssembly. (The fallback when WebAssembly cannot start: demo-backends.test.ts.)
 */
import { expect } from 'vitest';
import type { DemoDefinition } from '../../../src/demos/types';
import { demoCheck } from '../../support/demo-checks';
import type { Visit } from '../../support/site-browser';

const declaredBackend = async (id: string) =>
  ((await import(`../../../src/demos/architectures/${id}.ts`)) as { default: DemoDefinition }).default.backend ?? 'cpu';

const wasmFetches = (responses: Visit['responses']) => responses.filter((r) => new URL(r.url).pathname.endsWith('.wasm'));

demoCheck('runs on the backend it declares, with WebAssembly from the site itself when it declares wasm', {}, async ({ id, root, visit, origin, responsesBeforeFirstRun, responsesAfterFirstRun }) => {
  const backend = await declaredBackend(id);
  expect(await root.getAttribute('data-demo-backend'), 'tf.getBackend() in the worker').toBe(backend);
  if (backend === 'cpu') {
    expect(wasmFetches(visit.responses), 'a CPU demo fetches no WebAssembly').toEqual([]);
    return;
  }
  expect(await root.locator('[data-demo-backend-label]').innerText()).toBe('WebAssembly');
  expect(await root.locator('[data-demo-backend-note]').count(), 'no fallback note').toBe(0);
  expect(wasmFetches(visit.responses.slice(0, responsesBeforeFirstRun)), 'no .wasm before the reader starts the demo').toEqual([]);
  const binaries = wasmFetches(visit.responses.slice(responsesBeforeFirstRun, responsesAfterFirstRun));
  expect(binaries.length, 'one .wasm binary fetched by the first run').toBe(1);
  expect(new URL(binaries[0]!.url).pathname).toMatch(/\/_astro\/tfjs-backend-wasm(-simd)?-[\w-]+\.wasm$/);
  expect(binaries[0]!.status).toBe(200);
  const offSite = visit.responses.map((r) => r.url).filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'));
  expect(offSite, 'requests that left the site').toEqual([]);
});
