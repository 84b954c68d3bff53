import { formatNumber } from './format';
import type { ProgressUpdate } from './progress-plan';
import type { DrawRequest, RunRequest, WorkerMessage } from './protocol';
import type { DemoMetric } from './types';
import type { LivingDiagram } from '../live/living-diagram';

/**
 * The page side of a demo, loaded on the first press of Run. It drives the `[data-demo]` root:
 * `data-demo-status` idle → running → done | error | cancelled, progress in `[data-demo-progress]`
 * and the role=status line, metrics in `[data-demo-metric]` outputs, plots in `[data-demo-result]`,
 * `data-demo-tensors` (live tfjs tensors in the worker after the run) and `data-demo-backend` (the tfjs
 * backend that ran it, also named in the metrics line). The network itself runs
 * in a Web Worker, so nothing here takes the main thread for long.
 *
 * The one button runs and cancels, so focus stays where the reader put it: it is never disabled.
 */
export interface DemoController {
  /** Starts a run, or cancels the one in progress. */
  toggle(): void;
}

interface DemoElements {
  readonly button: HTMLButtonElement;
  readonly message: HTMLElement;
  readonly result: HTMLElement;
  readonly progress: HTMLProgressElement;
  readonly detail: HTMLElement;
  readonly form: HTMLFormElement | null;
}

function elementsOf(root: HTMLElement): DemoElements {
  const find = <E extends Element>(selector: string): E => {
    const element = root.querySelector<E>(selector);
    if (!element) throw new Error(`demo "${root.dataset.demo}": missing ${selector}`);
    return element;
  };
  return {
    button: find('[data-demo-start]'),
    message: find('[data-demo-message]'),
    result: find('[data-demo-result]'),
    progress: find('[data-demo-progress]'),
    detail: find('[data-demo-progress-detail]'),
    form: root.querySelector('[data-demo-params]'),
  };
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

const metricsHtml = (metrics: readonly DemoMetric[]) =>
  metrics.map((m) => `${m.label}: <output data-demo-metric="${m.name}">${formatNumber(m.value, m.kind)}</output>`).join(' · ');

/** How the metrics line names the backend that ran a demo (tf.getBackend() names). */
const BACKEND_LABELS: Readonly<Record<string, string>> = { cpu: 'CPU (JavaScript)', wasm: 'WebAssembly' };

const backendHtml = (backend: string, note: string | undefined) =>
  `backend: <span data-demo-backend-label>${escapeHtml(BACKEND_LABELS[backend] ?? backend)}</span>` +
  (note ? ` <span data-demo-backend-note>(${escapeHtml(note)})</span>` : '');

/** `?backend=cpu|wasm` on the page's address runs every demo there on that backend (for timing both). */
const backendOverride = (): { backend?: string } => {
  const backend = new URLSearchParams(location.search).get('backend');
  return backend === null ? {} : { backend };
};

const formValues = (form: HTMLFormElement | null): Record<string, string> =>
  Object.fromEntries([...(form ? new FormData(form) : [])].map(([name, value]) => [name, String(value)]));

/** How long a slider rests before the network its value makes is drawn. */
const DRAW_AFTER_MS = 250;

export function demoController(root: HTMLElement): DemoController {
  const ui = elementsOf(root);
  /**
   * The living diagram (src/live/living-diagram.ts), loaded with the first message that needs it;
   * messages reach it in the order they came.
   */
  let living: Promise<LivingDiagram> | undefined;
  let livingQueue: Promise<unknown> = Promise.resolve();
  const toLiving = (act: (diagram: LivingDiagram) => unknown) => {
    if (!living && !root.querySelector('[data-living]')) return;
    living ??= import('../live/living-diagram').then((m) => m.livingDiagram(root));
    const diagram = living;
    livingQueue = livingQueue.then(async () => act(await diagram)).catch((error: unknown) => console.warn('living diagram:', error));
  };
  /** Kept between runs (tfjs loads once, and a leak shows in data-demo-tensors); replaced after a cancel. */
  let worker: Worker | undefined;
  let running = false;
  let startedAt = 0;
  /** The stage last put in the live region: it changes a few times a run, not at every step. */
  let announced = '';
  /** The latest DrawRequest's number: only its answer is shown, and a run makes any answer stale. */
  let draws = 0;
  let drawSoon: ReturnType<typeof setTimeout> | undefined;
  /** A slider moved during a run: its network is drawn when the run ends. */
  let movedWhileRunning = false;

  function finish(status: 'done' | 'error' | 'cancelled', html: string): void {
    running = false;
    if (living) toLiving((diagram) => diagram.ended(status));
    if (movedWhileRunning) drawLater();
    movedWhileRunning = false;
    // A run that ends without a result takes its interim pictures with it.
    if (status !== 'done' && ui.result.dataset.demoPreview !== undefined) ui.result.innerHTML = '';
    ui.result.removeAttribute('aria-busy');
    delete ui.result.dataset.demoPreview;
    root.dataset.demoStatus = status;
    ui.message.innerHTML = html;
    ui.button.textContent = 'Run again';
    ui.progress.hidden = true;
    ui.detail.textContent = '';
  }

  function showProgress(update: ProgressUpdate): void {
    ui.progress.value = update.fraction;
    const error = update.error ? ` · ${update.error.label} ${update.error.value.toExponential(1)}` : '';
    ui.detail.textContent = `${update.done} of ${update.total} ${update.unit}${error}`;
    if (update.label !== announced) {
      announced = update.label;
      ui.message.textContent = `${update.label}…`;
    }
  }

  function receive(from: Worker, message: WorkerMessage): void {
    if (from !== worker) return; // left over from a cancelled run
    if (message.type === 'drawn' || (message.type === 'code' && message.draw !== undefined)) {
      if (running || message.draw !== draws) return; // overtaken by a newer drawing or a run
      if (message.type === 'code') return showCode(message.code, message.parameters, 'the network drawn above, not yet run');
      return toLiving((diagram) => ('network' in message ? diagram.drawn(message.network) : diagram.undrawable(message.error)));
    }
    if (!running) return;
    if (message.type === 'progress') return showProgress(message.update);
    if (message.type === 'network' || message.type === 'frame' || message.type === 'model') return toLiving((diagram) => diagram.receive(message));
    if (message.type === 'code') return showCode(message.code, message.parameters, 'the network your last run built');
    if (message.type === 'preview') {
      // Interim pictures: marked busy, so assistive technology waits for the result.
      ui.result.setAttribute('aria-busy', 'true');
      ui.result.dataset.demoPreview = '';
      ui.result.innerHTML = message.plots.join('');
      return;
    }
    if (message.type === 'failed') return finish('error', `The demo failed: ${escapeHtml(message.message)}`);
    ui.result.innerHTML = message.result.plots.join('');
    root.dataset.demoTensors = String(message.tensors);
    root.dataset.demoRuntime = message.runtime;
    root.dataset.demoBackend = message.backend;
    const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
    finish('done', `${metricsHtml(message.result.metrics)} · ${seconds} s · ${backendHtml(message.backend, message.backendNote)}`);
  }

  /** The page's "Use this network" box (UseThisNetwork.astro) shows the code of the network the reader's parameters made. */
  function showCode(code: string, parameters: string, which: string): void {
    const box = root.parentElement?.querySelector<HTMLElement>(`[data-network-code="${root.dataset.demo}"]`);
    if (!box) return;
    box.querySelector('[data-code]')!.textContent = code;
    box.querySelector('[data-code-about]')!.textContent = `Generated from the definition at your parameters (${parameters}), for ${which}. Its weights start fresh; the trained model is offered beside the living diagram.`;
    const link = box.querySelector<HTMLAnchorElement>('[data-code-download]')!;
    URL.revokeObjectURL(link.href);
    link.href = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
    box.dataset.codeParameters = parameters;
  }

  function spawn(): Worker {
    const spawned = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    spawned.addEventListener('message', (event: MessageEvent<WorkerMessage>) => receive(spawned, event.data));
    spawned.addEventListener('error', (event) => {
      if (spawned !== worker) return;
      worker = undefined;
      spawned.terminate();
      if (running) finish('error', `The demo failed: ${escapeHtml(event.message || 'its worker could not start')}`);
    });
    return spawned;
  }

  /**
   * The reader moved a slider: once the living diagram is on the page (after a first run, so reading
   * the page still loads no demo code), it shows the network their values make, laid out afresh, before
   * they run it. Debounced: a slider dragged across its range asks once, when it rests.
   */
  function drawLater(): void {
    clearTimeout(drawSoon);
    drawSoon = setTimeout(() => {
      movedWhileRunning ||= running;
      if (running || !worker || !living) return;
      worker.postMessage({ type: 'draw', draw: ++draws, id: root.dataset.demo ?? '', params: formValues(ui.form), ...backendOverride() } satisfies DrawRequest);
    }, DRAW_AFTER_MS);
  }
  ui.form?.addEventListener('input', drawLater);

  function start(): void {
    worker ??= spawn();
    clearTimeout(drawSoon);
    draws++;
    movedWhileRunning = false;
    running = true;
    announced = '';
    startedAt = performance.now();
    root.dataset.demoStatus = 'running';
    ui.button.textContent = 'Cancel';
    ui.progress.value = 0;
    ui.progress.hidden = false;
    ui.message.textContent = 'Starting the network in a background thread…';
    toLiving((diagram) => diagram.reset());
    worker.postMessage({ type: 'run', id: root.dataset.demo ?? '', params: formValues(ui.form), ...backendOverride() } satisfies RunRequest);
  }

  function cancel(): void {
    // Terminating is the prompt way to stop a computation that never yields; the next run spawns a fresh worker.
    worker?.terminate();
    worker = undefined;
    finish('cancelled', 'Cancelled. Change the parameters or run it again.');
  }

  return { toggle: () => (running ? cancel() : start()) };
}
