/**
 * The demo worker: builds and runs an architecture's demo off the page's main thread, so the page
 * stays responsive, shows progress and can cancel (by terminating the worker). One worker serves
 * every run of one demo on a page until it is cancelled, so a tensor leak shows up between runs.
 */
import * as tf from '@tensorflow/tfjs';
import { useBackend } from './backend';
import { DEMO_MARKER } from './marker';
import { parseParams } from './params';
import { progressPlan } from './progress-plan';
import type { RunRequest, WorkerMessage } from './protocol';
import { DEMO_BACKENDS, isDemoBackend, type DemoBackend, type DemoDefinition } from './types';
import { livingWatcher } from './watcher';

/** The part of the worker's global scope used here (the project type-checks against the DOM library). */
interface WorkerScope {
  postMessage(message: WorkerMessage, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<RunRequest>) => void): void;
}

const scope = self as unknown as WorkerScope;
// Lazy: each demo (with its data) is a chunk of its own, so a page's worker loads only its demo.
const demos = import.meta.glob<DemoDefinition>(['./architectures/*.ts', '!./architectures/*.params.ts'], { import: 'default' });
const send = (message: WorkerMessage, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

/**
 * The least time between two interim pictures: about 7 a second, more often than the 4 a reader needs
 * to see learning move, rarely enough that the page's redraws stay a small share of its main thread.
 */
const PREVIEW_EVERY_MS = 140;

async function run(request: RunRequest): Promise<void> {
  const load = demos[`./architectures/${request.id}.ts`];
  if (!load) throw new Error(`no demo for "${request.id}"`);
  const demo = await load();
  const values = parseParams(demo.params, request.params);
  const backend = await useBackend(backendFor(request, demo));
  const watcher = demo.living ? livingWatcher(demo.living.architecture, send) : undefined;
  const plan = progressPlan(
    demo.stages,
    (update) => send({ type: 'progress', update }),
    (plots) => send({ type: 'preview', plots }),
    { previewEvery: PREVIEW_EVERY_MS, ...(watcher ? { watcher } : {}) },
  );
  const result = await demo.run(values, plan);
  // A watched network must be finished before it is disposed: its last frame and the model download come from it.
  if (watcher?.unfinished) throw new Error(`demo "${request.id}" watched its network but did not call progress.finish()`);
  if (demo.living) await sendCode(demo, values);
  send({ type: 'done', result, tensors: tf.memory().numTensors, runtime: DEMO_MARKER, backend: tf.getBackend(), ...(backend.note ? { backendNote: backend.note } : {}) });
}

/**
 * The code that builds the living network at the reader's parameters, where they make another
 * network than the defaults (the page already shows the defaults' code). Loaded only then: the
 * generator carries every custom layer's source.
 */
async function sendCode(demo: DemoDefinition, values: ReturnType<typeof parseParams>): Promise<void> {
  const { architecture, config } = demo.living!;
  const chosen = config(values as never);
  if (JSON.stringify(chosen) === JSON.stringify(config(parseParams(demo.params, {}) as never))) return;
  const { architectureCode } = await import('../export/tfjs-code');
  const parameters = Object.entries(values)
    .filter(([, v]) => typeof v === 'number')
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  send({ type: 'code', code: await architectureCode(architecture, chosen, 'your parameters'), parameters });
}

/** The demo's declared backend, unless the request overrides it (a timing run). */
function backendFor(request: RunRequest, demo: DemoDefinition): DemoBackend {
  if (request.backend === undefined) return demo.backend ?? 'cpu';
  if (isDemoBackend(request.backend)) return request.backend;
  throw new Error(`backend: expected one of ${DEMO_BACKENDS.join(', ')}, got ${JSON.stringify(request.backend)}`);
}

scope.addEventListener('message', (event) => {
  run(event.data).catch((error: unknown) => send({ type: 'failed', message: error instanceof Error ? error.message : String(error) }));
});
