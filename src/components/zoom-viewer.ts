/**
 * A full-screen view of one diagram: starts at its natural size, zooms in steps (buttons, + and −)
 * or continuously by pinching with two fingers, pans by scrolling, dragging or the arrow keys, and
 * closes with Escape. Loaded on the first Zoom click only.
 */
const STEPS = [0.25, 0.33, 0.5, 0.67, 0.8, 1, 1.25, 1.5, 2, 3, 4];
const [MIN_SCALE, MAX_SCALE] = [STEPS[0]!, STEPS.at(-1)!];

/** The scale a pinch reaches: the scale it started at, times how far the fingers spread, within the viewer's range. */
export function pinchScale(startScale: number, startSpread: number, spread: number): number {
  if (!(startSpread > 0) || !(spread > 0)) return startScale;
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, (startScale * spread) / startSpread));
}

interface Viewer {
  dialog: HTMLDialogElement;
  heading: HTMLElement;
  stage: HTMLElement;
  level: HTMLOutputElement;
  svg?: SVGSVGElement;
  natural: { width: number; height: number };
  scale: number;
  returnFocus?: HTMLElement;
}

let viewer: Viewer | undefined;

/**
 * The diagram's markup with every id (and every reference to one) suffixed, so the copy in the
 * dialog does not repeat the ids of the diagram on the page.
 */
function copyWithOwnIds(svg: SVGSVGElement): string {
  const prefix = `rz-${svg.dataset.architecture}-${svg.dataset.view}`;
  return svg.outerHTML.replaceAll(new RegExp(`${prefix}-([\\w-]+)`, 'g'), `${prefix}-zoom-$1`);
}

/** Zooms to `scale`, keeping the diagram's point under `anchor` (in the stage's box; default its centre) where it is. */
function setScale(v: Viewer, scale: number, anchor?: { x: number; y: number }): void {
  if (!v.svg) return;
  const { stage } = v;
  const [ax, ay] = anchor ? [anchor.x, anchor.y] : [stage.clientWidth / 2, stage.clientHeight / 2];
  const cx = (stage.scrollLeft + ax) / v.scale;
  const cy = (stage.scrollTop + ay) / v.scale;
  v.scale = scale;
  v.svg.setAttribute('width', String(Math.round(v.natural.width * scale)));
  v.svg.setAttribute('height', String(Math.round(v.natural.height * scale)));
  v.level.value = `${Math.round(scale * 100)} %`;
  stage.scrollLeft = cx * scale - ax;
  stage.scrollTop = cy * scale - ay;
}

function step(v: Viewer, direction: 1 | -1): void {
  const next = direction > 0 ? STEPS.find((s) => s > v.scale + 1e-6) : [...STEPS].reverse().find((s) => s < v.scale - 1e-6);
  if (next !== undefined) setScale(v, next);
}

function fit(v: Viewer): void {
  const scale = Math.min(v.stage.clientWidth / v.natural.width, v.stage.clientHeight / v.natural.height);
  setScale(v, Math.max(STEPS[0]!, Math.min(1, scale)));
}

function button(label: string, text: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'rz-tool';
  b.textContent = text;
  if (label !== text) b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}

/** Drag with a mouse or pen to pan; touch already pans the scrolling stage natively. */
function enableDragToPan(stage: HTMLElement): void {
  let from: { x: number; y: number; left: number; top: number } | undefined;
  stage.addEventListener('pointerdown', (e) => {
    if (e.pointerType === 'touch' || e.button !== 0) return;
    from = { x: e.clientX, y: e.clientY, left: stage.scrollLeft, top: stage.scrollTop };
    stage.setPointerCapture(e.pointerId);
    stage.classList.add('rz-dragging');
  });
  stage.addEventListener('pointermove', (e) => {
    if (!from) return;
    stage.scrollLeft = from.left - (e.clientX - from.x);
    stage.scrollTop = from.top - (e.clientY - from.y);
  });
  const stop = () => {
    from = undefined;
    stage.classList.remove('rz-dragging');
  };
  stage.addEventListener('pointerup', stop);
  stage.addEventListener('pointercancel', stop);
}

/**
 * Two fingers on the stage zoom the diagram around the point between them, as phone readers expect
 * (the stylesheet leaves pinching to the browser too, `touch-action: manipulation`; taking the
 * gesture here zooms the diagram, not the page, so the toolbar stays in reach). One finger pans,
 * natively.
 */
function enablePinchToZoom(v: Viewer): void {
  const { stage } = v;
  let pinch: { spread: number; scale: number } | undefined;
  const spread = (t: TouchList) => Math.hypot(t[0]!.clientX - t[1]!.clientX, t[0]!.clientY - t[1]!.clientY);
  stage.addEventListener(
    'touchstart',
    (e) => {
      if (e.touches.length === 2) pinch = { spread: spread(e.touches), scale: v.scale };
    },
    { passive: true },
  );
  stage.addEventListener(
    'touchmove',
    (e) => {
      if (!pinch || e.touches.length !== 2) return;
      e.preventDefault();
      const box = stage.getBoundingClientRect();
      const anchor = { x: (e.touches[0]!.clientX + e.touches[1]!.clientX) / 2 - box.left, y: (e.touches[0]!.clientY + e.touches[1]!.clientY) / 2 - box.top };
      setScale(v, pinchScale(pinch.scale, pinch.spread, spread(e.touches)), anchor);
    },
    { passive: false },
  );
  const end = (e: TouchEvent) => {
    if (e.touches.length < 2) pinch = undefined;
  };
  stage.addEventListener('touchend', end);
  stage.addEventListener('touchcancel', end);
}

function createViewer(): Viewer {
  const dialog = document.createElement('dialog');
  dialog.className = 'rz-zoom';
  dialog.setAttribute('aria-labelledby', 'rz-zoom-heading');
  const bar = document.createElement('div');
  bar.className = 'rz-zoom-bar';
  const heading = document.createElement('h2');
  heading.id = 'rz-zoom-heading';
  const level = document.createElement('output');
  level.className = 'rz-zoom-level';
  level.setAttribute('aria-live', 'polite');
  const stage = document.createElement('div');
  stage.className = 'rz-zoom-stage';
  stage.tabIndex = 0;
  stage.setAttribute('role', 'region');
  stage.setAttribute('aria-label', 'Diagram at the chosen zoom; scroll, drag or use the arrow keys to pan, pinch to zoom');
  const v: Viewer = { dialog, heading, stage, level, natural: { width: 1, height: 1 }, scale: 1 };
  const tools = document.createElement('div');
  tools.className = 'rz-zoom-tools';
  tools.append(
    button('Zoom out', '−', () => step(v, -1)),
    level,
    button('Zoom in', '+', () => step(v, 1)),
    button('Fit to screen', 'Fit', () => fit(v)),
    button('Full size', 'Full size', () => setScale(v, 1)),
    button('Close', 'Close', () => dialog.close()),
  );
  bar.append(heading, tools);
  dialog.append(bar, stage);
  dialog.addEventListener('keydown', (e) => {
    if (e.key === '+' || e.key === '=') step(v, 1);
    else if (e.key === '-') step(v, -1);
    else if (e.key === '0') setScale(v, 1);
    else return;
    e.preventDefault();
  });
  dialog.addEventListener('close', () => {
    v.svg?.remove();
    v.svg = undefined;
    v.returnFocus?.focus();
  });
  enableDragToPan(stage);
  enablePinchToZoom(v);
  document.body.append(dialog);
  return v;
}

/** Opens the viewer on the diagram inside `figure`; focus returns to `opener` when it closes. */
export function openZoomViewer(figure: HTMLElement, opener: HTMLElement): void {
  const source = figure.querySelector<SVGSVGElement>('svg.rz-diagram');
  if (!source) return;
  viewer ??= createViewer();
  const v = viewer;
  v.returnFocus = opener;
  v.stage.innerHTML = copyWithOwnIds(source);
  v.svg = v.stage.querySelector('svg') ?? undefined;
  const [, , width, height] = (source.getAttribute('viewBox') ?? '0 0 1 1').split(/\s+/).map(Number);
  v.natural = { width: width || 1, height: height || 1 };
  v.heading.textContent = source.querySelector('title')?.textContent ?? 'Diagram';
  v.dialog.showModal();
  v.scale = 1;
  setScale(v, 1);
  v.stage.scrollTo(0, 0);
  v.stage.focus();
}
