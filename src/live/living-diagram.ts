import type { LivingFrameMessage, LivingViewMessage, NetworkMessage, TrainedModelMessage, WorkerMessage } from '../demos/protocol';
import type { DiagramAnswer, DiagramRequest } from './diagram-worker';
import { MIN_DIAGRAM_SCALE } from '../components/diagram-figure';
import { modelLinksHtml, savePng, saveSvg } from './downloads';
import { formatValue } from './format-value';
import { paint, paintLayers, paintStep, prepare, prepareLayers, weightScale, type Painted, type PaintedLayers } from './paint';
import { layersTableHtml, stepTableHtml, valuesTableHtml } from './values-table';

/**
 * The page side of a living diagram, loaded with the demo code (src/demos/start.ts): the network the
 * demo watches, drawn by the build's pipeline — the SVG the site prepared for the default parameters
 * when the drawing is the same (signatures equal), else laid out afresh in a diagram worker — and,
 * frame by frame, its values from the worker's model: a ring around each cell (its value on the
 * example), each weight line's width and sign. A scrubber replays the frames; hovering or focusing a
 * cell prints its value; a table lists every value of the frame shown. Frames are painted at most once
 * per animation frame, and not while running for a reader who prefers reduced motion (the last frame
 * is shown at the end, and the scrubber and table work throughout).
 *
 * Between runs, moving a slider draws the network the new values make, before it runs (start.ts asks
 * the demo worker for it; the layout is done here as for a run's network).
 *
 * Contract on the demo root: `data-demo-frame` counts frames painted (so a bench sees the diagram
 * move), `data-living-signatures` (set by Demo.astro: the prepared SVGs' signatures, by view). On the
 * `[data-living]` host: `data-living-network` is `run` (the network of the last run, with its frames)
 * or `drawn` (the reader's parameters' network, not yet run).
 */
export interface LivingDiagram {
  receive(message: Extract<WorkerMessage, { type: 'network' | 'frame' | 'model' }>): Promise<void>;
  /**
   * Between runs, the network the reader's parameters make, not yet run: drawn without values
   * (unless its drawing is the one shown, whose frames then stay).
   */
  drawn(network: NetworkMessage): Promise<void>;
  /** Between runs, the reader's parameters make no network the definition can build: why. */
  undrawable(error: string): void;
  /** A new run starts: its network and frames replace the last run's. */
  reset(): void;
  /** The run ended (done, error or cancelled: a cancel also stops any drawing in progress). */
  ended(status: 'done' | 'error' | 'cancelled'): void;
}

/** What the marks mean, by view. */
const VIEW_CAPTIONS: Readonly<Record<string, string>> = {
  cells:
    "A ring round a cell is its value on the example (solid clockwise: positive; dashed anticlockwise: negative; a full ring is never reached: 1 fills half). A line's width is its weight's size; negative weights are drawn in orange. A line standing for one pair's block of weights shows the largest; one standing for many pairs (a bundle, or lines into an ellipsis), their root mean square.",
  unrolled:
    "Each step's copy of a cell shows its value at that step of the example, by its ring (solid clockwise: positive; dashed anticlockwise: negative; 1 fills half). A line's width is its weight's size; negative weights are drawn in orange; a line standing for one pair's block shows the largest, one standing for many pairs their root mean square.",
  internals:
    'One unit of the cell at one step of the example: a gate fills as much of its ring as it is open (0 to 1); any other value rings as a cell does (dashed when negative; 1 fills half).',
  layers:
    "Each layer's box: the solid bar along its bottom edge is the root mean square of its output on the example (1 fills half the box), the dashed bar along its top edge that of its trainable weights (the first frame's middle layer fills half).",
};
const VIEW_LABELS: Readonly<Record<string, string>> = { cells: 'Cells', unrolled: 'Unrolled in time', internals: 'Inside the cell', layers: 'Layers' };
/** How fast the steps play, and how many times through the sequence before they stop (Play starts them again). */
const STEP_EVERY_MS = 600;
const PLAY_PASSES = 2;
const reducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

interface Shown {
  readonly view: LivingViewMessage;
  readonly painted: Painted;
  /** The layers view's boxes (its `painted` has no cells). */
  readonly layers?: PaintedLayers;
  readonly scale: number;
}

const VALUE_HINT = 'Hover over or focus a cell or a layer (Tab into the diagram, then the arrow keys) to read its values.';

/**
 * `markup` without its `<style>` when the page already holds the same one outside `box` (an article
 * diagram's: the pipeline writes one style per kind of view): a second copy of those rules would make
 * the browser restyle the whole page when the drawing goes in, about half the cost of showing a large
 * drawing. Returns the style left out, if any.
 */
function withoutSharedStyle(markup: string, box: Element): { markup: string; style?: string } {
  const found = /<style>([\s\S]*?)<\/style>/.exec(markup);
  const style = found?.[1];
  if (style === undefined || ![...document.querySelectorAll('style')].some((s) => !box.contains(s) && s.textContent === style)) return { markup };
  return { markup: markup.replace(found![0], ''), style };
}

/** A layout given up for a newer one: not a failure to report. */
class Superseded extends Error {}

export function livingDiagram(root: HTMLElement): LivingDiagram {
  const id = root.dataset.demo!;
  const host = root.querySelector<HTMLElement>('[data-living]')!;
  const base = (root.dataset.base ?? '/').replace(/\/?$/, '/');
  let views: readonly LivingViewMessage[] = [];
  let frames: LivingFrameMessage[] = [];
  let shownView = 0;
  let shown: Shown | undefined;
  /** The frame on screen, and whether the scrubber follows the newest one. */
  let at = -1;
  let following = true;
  let running = false;
  let pending = false;
  let diagramWorker: Worker | undefined;
  let requests = 0;
  /** The diagram style left out of the SVG on the page (the page has it already): a saved file carries it again. */
  let shownStyle: string | undefined;
  /** Rejects the layout in progress, if any. */
  let layingOut: (() => void) | undefined;

  host.innerHTML = `
    <p class="rz-living-title"><strong>The network, live.</strong> <span data-living-about></span></p>
    <div class="rz-living-views" data-living-views></div>
    <figure class="rz-figure rz-living-figure" data-diagram="${id}-live">
      <div class="rz-scroll" tabindex="0" role="region" aria-label="Living diagram of the demo's network (scrolls sideways when wider than the page)" data-living-svg></div>
      <div class="rz-figure-bar">
        <figcaption data-living-caption></figcaption>
        <div class="rz-figure-tools">
          <button type="button" class="rz-tool" data-zoom aria-haspopup="dialog">Zoom<span class="sr-only"> into the living diagram</span></button>
          <button type="button" class="rz-tool" data-living-save="svg">SVG<span class="sr-only"> file of the living diagram, this frame</span></button>
          <button type="button" class="rz-tool" data-living-save="png">PNG<span class="sr-only"> image of the living diagram, this frame</span></button>
        </div>
      </div>
    </figure>
    <div class="rz-living-sequence" data-living-sequence hidden>
      <button type="button" class="rz-tool" data-living-play aria-pressed="false">Play the steps</button>
      <label for="rz-living-${id}-step">Step</label>
      <input type="range" id="rz-living-${id}-step" min="0" max="0" value="0" step="1" data-living-step />
      <label for="rz-living-${id}-unit">Unit</label>
      <select id="rz-living-${id}-unit" data-living-unit></select>
      <output for="rz-living-${id}-step rz-living-${id}-unit" data-living-step-at></output>
    </div>
    <div class="rz-living-scrub">
      <label for="rz-living-${id}-frame">Frame</label>
      <input type="range" id="rz-living-${id}-frame" min="0" max="0" value="0" step="1" disabled data-living-scrubber />
      <output for="rz-living-${id}-frame" data-living-at></output>
    </div>
    <p class="rz-living-value" data-living-value>${VALUE_HINT}</p>
    <details class="rz-living-details" data-living-details><summary>The values of this frame, as a table</summary><div data-living-table></div></details>
    <p class="rz-living-model" data-living-model hidden></p>`;
  const find = <E extends Element>(selector: string) => host.querySelector<E>(selector)!;
  const [sequenceBox, play, stepInput, unitSelect, stepText] = [
    find<HTMLElement>('[data-living-sequence]'),
    find<HTMLButtonElement>('[data-living-play]'),
    find<HTMLInputElement>('[data-living-step]'),
    find<HTMLSelectElement>('[data-living-unit]'),
    find<HTMLOutputElement>('[data-living-step-at]'),
  ];
  let playing: ReturnType<typeof setInterval> | undefined;
  const caption = find<HTMLElement>('[data-living-caption]');
  const [about, viewButtons, figure, box, scrubber, atText, valueLine, details, table, modelLine] = [
    find<HTMLElement>('[data-living-about]'),
    find<HTMLElement>('[data-living-views]'),
    find<HTMLElement>('.rz-living-figure'),
    find<HTMLElement>('[data-living-svg]'),
    find<HTMLInputElement>('[data-living-scrubber]'),
    find<HTMLOutputElement>('[data-living-at]'),
    find<HTMLElement>('[data-living-value]'),
    find<HTMLDetailsElement>('[data-living-details]'),
    find<HTMLElement>('[data-living-table]'),
    find<HTMLElement>('[data-living-model]'),
  ];

  async function svgOf(view: LivingViewMessage): Promise<string> {
    const prepared = (JSON.parse(root.dataset.livingSignatures ?? '{}') as Record<string, string>)[view.view];
    if (prepared === view.signature) {
      const response = await fetch(`${base}live/${id}.${view.view}.svg`);
      if (!response.ok) throw new Error(`the prepared diagram could not be fetched (${response.status})`);
      return response.text();
    }
    // A layout still running is for a network the page no longer shows: stop it rather than queue behind it.
    if (layingOut) stopLayout();
    diagramWorker ??= new Worker(new URL('./diagram-worker.ts', import.meta.url), { type: 'module' });
    const worker = diagramWorker;
    const request: DiagramRequest = { id: ++requests, living: view };
    return new Promise((resolve, reject) => {
      const listen = ({ data }: MessageEvent<DiagramAnswer>) => {
        if (data.id !== request.id) return;
        worker.removeEventListener('message', listen);
        layingOut = undefined;
        if ('svg' in data) resolve(data.svg);
        else reject(new Error(`the diagram could not be drawn: ${data.error}`));
      };
      layingOut = () => reject(new Superseded());
      worker.addEventListener('message', listen);
      worker.postMessage(request);
    });
  }

  /** Ends the layout in progress: its worker goes (a new one starts with the next layout). */
  function stopLayout(): void {
    diagramWorker?.terminate();
    diagramWorker = undefined;
    layingOut?.();
    layingOut = undefined;
  }

  async function show(index: number): Promise<void> {
    const view = views[index]!;
    shownView = index;
    for (const button of viewButtons.querySelectorAll('button')) button.setAttribute('aria-pressed', String(Number(button.dataset.view) === index));
    const markup = await svgOf(view);
    if (views[index] !== view) return; // a newer run replaced it meanwhile
    const { markup: drawn, style } = withoutSharedStyle(markup, box);
    box.innerHTML = drawn;
    shownStyle = style;
    const svg = box.querySelector('svg')!;
    // As an article's figure: never below 0.8 of its size on a narrow screen (its box scrolls sideways instead).
    box.style.setProperty('--rz-min-width', `${Math.round(Number(svg.getAttribute('width') ?? 0) * MIN_DIAGRAM_SCALE)}px`);
    // Interactive cells inside: a group of them, not one picture.
    svg.setAttribute('role', 'group');
    svg.setAttribute('data-living', view.view);
    const layers = view.view === 'layers' ? prepareLayers(svg, view) : undefined;
    const painted = layers ? { svg, cells: [], lines: [] } : prepare(svg, view);
    shown = { view, painted, ...(layers ? { layers } : {}), scale: frames[0] ? weightScale(frames[0].views[index]!.weights) : 1 };
    const focusable = focusableNodes();
    focusable.forEach((node, k) => {
      node.setAttribute('tabindex', k === 0 ? '0' : '-1');
      node.setAttribute('role', 'img');
      node.setAttribute('aria-label', node.dataset.node ?? '');
    });
    caption.textContent = VIEW_CAPTIONS[view.view] ?? '';
    setUpSteps();
    at = -1;
    schedule();
  }

  /** How many windows of steps the unrolled view's frames hold (1: nothing to step through). */
  const windowsOf = (view: LivingViewMessage): number =>
    view.view === 'unrolled' && frames[0] && view.cells.length > 0 ? frames[0].views[views.indexOf(view)]!.cells.length / view.cells.length : 1;

  /**
   * The step controls: inside the cell, the example's steps and a unit; unrolled, which steps the
   * copies show (the window slides along the sequence). Both play on their own unless the reader
   * prefers reduced motion; both start at the end of the example.
   */
  function setUpSteps(): void {
    const view = shown?.view;
    // Without frames (a drawing not yet run) there are no values to step through.
    const steps = frames.length === 0 ? 1 : (view?.sequence?.steps ?? (view ? windowsOf(view) : 1));
    sequenceBox.hidden = steps <= 1;
    for (const unit of sequenceBox.querySelectorAll<HTMLElement>('label[for$="-unit"], [data-living-unit]')) unit.hidden = !view?.sequence;
    if (steps <= 1) return setPlaying(false);
    stepInput.max = String(steps - 1);
    stepInput.value = String(steps - 1);
    if (view?.sequence) unitSelect.innerHTML = Array.from({ length: view.sequence.units }, (_, u) => `<option value="${u}">${u}</option>`).join('');
    setPlaying(!reducedMotion());
  }

  /** An unrolled frame's values at the window shown; any other frame as it is. */
  function atWindow(view: LivingViewMessage, frame: { readonly cells: Float32Array; readonly weights: Float32Array }) {
    if (view.view !== 'unrolled' || frame.cells.length === view.cells.length) return frame;
    const n = view.cells.length;
    const w = Number(stepInput.value);
    return { cells: frame.cells.subarray(w * n, (w + 1) * n), weights: frame.weights };
  }

  /** Walks through the example's steps (inside the cell) or windows of steps (unrolled), PLAY_PASSES times or until stopped. */
  function setPlaying(on: boolean): void {
    clearInterval(playing);
    playing = undefined;
    play.setAttribute('aria-pressed', String(on));
    if (!on) return;
    // A bounded number of passes: a page left open does not keep painting for nobody.
    let left = PLAY_PASSES * (Number(stepInput.max) + 1);
    playing = setInterval(() => {
      if (!box.isConnected || left-- <= 0) return setPlaying(false);
      stepInput.value = String((Number(stepInput.value) + 1) % (Number(stepInput.max) + 1));
      at = -1;
      schedule();
    }, STEP_EVERY_MS);
  }

  /** Paints the frame the scrubber points at, once per animation frame however many arrive. */
  function schedule(): void {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      if (running && reducedMotion()) return;
      const target = following ? frames.length - 1 : Number(scrubber.value);
      if (!shown || target < 0 || target === at) return;
      at = target;
      const frame = atWindow(shown.view, frames[target]!.views[shownView]!);
      const sequence = shown.view.sequence;
      if (sequence) {
        const [step, unit] = [Number(stepInput.value), Number(unitSelect.value || 0)];
        paintStep(shown.painted, frame.cells, { step, unit, units: sequence.units });
        stepText.value = `step ${step + 1} of ${sequence.steps}, unit ${unit}`;
      } else if (shown.layers) paintLayers(shown.layers, frame, shown.scale);
      else {
        paint(shown.painted, frame, shown.scale);
        const windows = windowsOf(shown.view);
        if (windows > 1) stepText.value = `window ${Number(stepInput.value) + 1} of ${windows} along the example (the last ends at its last step)`;
      }
      scrubber.max = String(frames.length - 1);
      scrubber.value = String(target);
      atText.value = `${target + 1} of ${frames.length}: ${frames[target]!.at}`;
      root.dataset.demoFrame = String(Number(root.dataset.demoFrame ?? 0) + 1);
      root.dataset.livingShown = String(target);
      if (details.open) table.innerHTML = tableOf(shown.view, frame);
      const focused = document.activeElement?.closest?.('[data-node]');
      if (focused && box.contains(focused)) describe(focused as SVGGElement);
    });
  }

  function tableOf(view: LivingViewMessage, frame: { readonly cells: Float32Array; readonly weights: Float32Array }): string {
    if (view.view === 'layers') return layersTableHtml(view, frame);
    if (view.view === 'unrolled') return valuesTableHtml(view, atWindow(view, frame));
    return view.sequence ? stepTableHtml(view, frame.cells, { step: Number(stepInput.value), unit: Number(unitSelect.value || 0) }) : valuesTableHtml(view, frame);
  }

  /** The value of drawn node k in the frame shown (at the step and unit shown, inside a cell). */
  function valueAt(k: number): number {
    const cells = atWindow(shown!.view, frames[at]!.views[shownView]!).cells;
    const sequence = shown?.view.sequence;
    return sequence ? cells[(Number(stepInput.value) * shown!.view.cells.length + k) * sequence.units + Number(unitSelect.value || 0)]! : cells[k]!;
  }

  /** The drawn things a reader can focus for their values: valued cells and operations, or layer boxes. */
  function focusableNodes(): SVGGElement[] {
    if (!shown) return [];
    return shown.layers ? shown.layers.boxes.flatMap((b) => (b ? [b.node] : [])) : shown.painted.cells.flatMap((c) => (c ? [c.node] : []));
  }

  function describe(node: SVGGElement): void {
    if (!shown || at < 0) return;
    const k = shown.view.cells.indexOf(node.dataset.node ?? '');
    if (k < 0) return;
    if (shown.layers) {
      const frame = frames[at]!.views[shownView]!;
      const text = `output RMS ${formatValue(frame.cells[k]!)}, weights RMS ${formatValue(frame.weights[k]!)}`;
      valueLine.textContent = `${node.dataset.node} (${node.dataset.class ?? 'layer'}): ${text} at frame ${at + 1}`;
      node.setAttribute('aria-label', `${node.dataset.node}: ${text}`);
      return;
    }
    const value = formatValue(valueAt(k));
    const what = node.dataset.cell?.replace(/-/g, ' ') ?? node.dataset.symbol ?? node.dataset.op ?? '';
    valueLine.textContent = `${node.dataset.node} (${what}): ${value} at frame ${at + 1}`;
    node.setAttribute('aria-label', `${node.dataset.node}: ${value}`);
  }

  box.addEventListener('pointerover', (event) => {
    const node = (event.target as Element).closest?.<SVGGElement>('[data-node]');
    if (node) describe(node);
  });
  box.addEventListener('focusin', (event) => {
    const node = (event.target as Element).closest?.<SVGGElement>('[data-node]');
    if (node) describe(node);
  });
  // The cells are one tab stop: the arrow keys move between them (document order).
  box.addEventListener('keydown', (event) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    const current = (event.target as Element).closest?.<SVGGElement>('[data-node][tabindex]');
    if (!shown || step === undefined || !current) return;
    const cells = focusableNodes();
    const next = cells[cells.indexOf(current) + step];
    if (!next) return;
    event.preventDefault();
    current.setAttribute('tabindex', '-1');
    next.setAttribute('tabindex', '0');
    next.focus();
  });
  stepInput.addEventListener('input', () => {
    setPlaying(false);
    at = -1;
    schedule();
  });
  unitSelect.addEventListener('change', () => {
    at = -1;
    schedule();
  });
  play.addEventListener('click', () => setPlaying(play.getAttribute('aria-pressed') !== 'true'));
  scrubber.addEventListener('input', () => {
    following = Number(scrubber.value) === frames.length - 1;
    schedule();
  });
  details.addEventListener('toggle', () => {
    if (details.open && shown && at >= 0) table.innerHTML = tableOf(shown.view, frames[at]!.views[shownView]!);
  });
  viewButtons.addEventListener('click', (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-view]');
    if (button) void show(Number(button.dataset.view)).catch(fail);
  });
  figure.addEventListener('click', (event) => {
    const kind = (event.target as Element).closest<HTMLElement>('[data-living-save]')?.dataset.livingSave;
    const svg = box.querySelector('svg');
    if (!kind || !svg) return;
    const name = `${id}.live.${shown?.view.view ?? 'cells'}.${kind}`;
    if (kind === 'svg') saveSvg(svg, name, shownStyle);
    else void savePng(svg, name, shownStyle).catch(fail);
  });

  function fail(error: unknown): void {
    if (error instanceof Superseded) return;
    about.textContent = `The living diagram could not be shown: ${error instanceof Error ? error.message : String(error)}`;
  }

  const NUMBERS = ['', 'one', 'two', 'three'];
  const inViews = (network: NetworkMessage) => (network.views.length > 1 ? `network, in ${NUMBERS[network.views.length] ?? network.views.length} views` : 'network');

  /** Shows `network`'s views, with no frame yet: a run's frames follow; a drawing has none. */
  async function setNetwork(network: NetworkMessage, kind: 'run' | 'drawn', text: string): Promise<void> {
    views = network.views;
    frames = [];
    host.hidden = false;
    about.textContent = text;
    viewButtons.innerHTML =
      views.length > 1 ? views.map((v, k) => `<button type="button" class="rz-tool" data-view="${k}" aria-pressed="${k === 0}">${VIEW_LABELS[v.view] ?? v.view}</button>`).join(' ') : '';
    await show(Math.min(shownView, views.length - 1)).catch(fail);
    // Said once the drawing is on the page (a layout can take a moment), and only if no newer network replaced it meanwhile.
    if (views === network.views) host.dataset.livingNetwork = kind;
  }

  return {
    async drawn(network) {
      // The same drawing (a parameter that changes training, not the network): the last run's frames still belong to it.
      if (network.views.length === views.length && network.views.every((v, k) => v.signature === views[k]!.signature)) return;
      stopLayout();
      setPlaying(false);
      scrubber.disabled = true;
      scrubber.max = '0';
      scrubber.value = '0';
      atText.value = 'not run yet';
      table.innerHTML = '';
      valueLine.textContent = 'Run the demo to see this network’s values.';
      modelLine.hidden = true;
      delete host.dataset.livingExample;
      await setNetwork(network, 'drawn', `The ${inViews(network)} your parameters make, drawn by the build’s pipeline before it runs: Run the demo to train it and see its values.`);
    },
    undrawable(error) {
      about.textContent = `Your parameters make no network the definition can build: ${error}`;
    },
    async receive(message) {
      if (message.type === 'network') {
        // A short input is listed; a long one (an image) only counted: its numbers would say little here.
        const input = message.example.length <= 12 ? `[${message.example.map(formatValue).join(', ')}]` : `of ${message.example.length} numbers`;
        host.dataset.livingExample = JSON.stringify(message.example);
        await setNetwork(message, 'run', `The demo's own ${inViews(message)}, drawn from the running model, with its values on one input ${input}.`);
        return;
      }
      if (message.type === 'frame') {
        frames.push(message);
        if (frames.length === 1 && shown) {
          shown = { ...shown, scale: weightScale(message.views[shownView]!.weights) };
          setUpSteps();
        }
        scrubber.disabled = false;
        scrubber.max = String(frames.length - 1);
        schedule();
        return;
      }
      modelLine.innerHTML = modelLinksHtml(id, message as TrainedModelMessage);
      modelLine.hidden = false;
    },
    reset() {
      running = true;
      following = true;
      modelLine.hidden = true;
      valueLine.textContent = VALUE_HINT;
    },
    ended(status) {
      running = false;
      // The reader asked everything to stop: a layout still running goes too (a new one starts with the next run).
      if (status === 'cancelled') stopLayout();
      schedule();
    },
  };
}
