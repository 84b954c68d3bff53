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
import type { DrawRequest, PageRequest, RunRequest, WorkerMessage } from './protocol';
import { DEMO_BACKENDS, isDemoBackend, type DemoBackend, type DemoDefinition } from './types';
import { shapedExample } from './living-example';
import { describeNetwork, livingWatcher } from './watcher';

/** The part of the worker's global scope used here (the project type-checks against the DOM library). */
interface WorkerScope {
  postMessage(message: WorkerMessage, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<PageRequest>) => void): void;
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

async function demoOf(id: string): Promise<DemoDefinition> {
  const load = demos[`./architectures/${id}.ts`];
  if (!load) throw new Error(`no demo for "${id}"`);
  return load();
}

async function run(request: RunRequest): Promise<void> {
  const demo = await demoOf(request.id);
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
  if (demo.living && !sameConfig(demo, values, parseParams(demo.params, {}))) await sendCode(demo, values);
  send({ type: 'done', result, tensors: tf.memory().numTensors, runtime: DEMO_MARKER, backend: tf.getBackend(), ...(backend.note ? { backendNote: backend.note } : {}) });
}

type Values = ReturnType<typeof parseParams>;

/** Whether two sets of values build the same living network (the page already shows the defaults' code). */
const sameConfig = (demo: DemoDefinition, a: Values, b: Values) => JSON.stringify(demo.living!.config(a as never)) === JSON.stringify(demo.living!.config(b as never));

/**
 * The code that builds the living network at the reader's parameters. Loaded only when sent: the
 * generator carries every custom layer's source.
 */
async function sendCode(demo: DemoDefinition, values: Values, draw?: number): Promise<void> {
  const { architecture, config } = demo.living!;
  const { architectureCode } = await import('../export/tfjs-code');
  const parameters = Object.entries(values)
    .filter(([, v]) => typeof v === 'number')
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  send({ type: 'code', code: await architectureCode(architecture, config(values as never), 'your parameters'), parameters, ...(draw === undefined ? {} : { draw }) });
}

/**
 * The reader moved a slider between runs: the network their values make, built by the definition
 * and described as a run describes it, but not run — the page lays it out, with no values, and shows
 * its code. The example only gives the shapes the views need (no frame is read from it).
 */
async function draw(request: DrawRequest): Promise<void> {
  const demo = await demoOf(request.id);
  if (!demo.living) return;
  const values = parseParams(demo.params, request.params);
  await useBackend(backendFor(request, demo));
  const { architecture, config } = demo.living;
  const chosen = config(values as never);
  const model = architecture.build(chosen);
  const example = shapedExample(architecture, chosen);
  try {
    send({ type: 'drawn', draw: request.draw, network: describeNetwork(architecture, model, example).message });
  } finally {
    tf.dispose(example);
    model.dispose();
  }
  await sendCode(demo, values, request.draw);
}

/** The demo's declared backend, unless the request overrides it (a timing run). */
function backendFor(request: PageRequest, demo: DemoDefinition): DemoBackend {
  if (request.backend === undefined) return demo.backend ?? 'cpu';
  if (isDemoBackend(request.backend)) return request.backend;
  throw new Error(`backend: expected one of ${DEMO_BACKENDS.join(', ')}, got ${JSON.stringify(request.backend)}`);
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

scope.addEventListener('message', ({ data }) => {
  if (data.type === 'draw') draw(data).catch((error: unknown) => send({ type: 'drawn', draw: data.draw, error: messageOf(error) }));
  else run(data).catch((error: unknown) => send({ type: 'failed', message: messageOf(error) }));
});
