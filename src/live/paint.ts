import type { LivingViewMessage } from '../demos/protocol';

/** A living diagram's SVG with the elements its frames change, found once by the diagram's own ids. */
export interface Painted {
  readonly svg: SVGSVGElement;
  /** Per value of `view.cells`: the cell's group and the ring drawn around it (null if not drawn). */
  readonly cells: readonly ({ readonly node: SVGGElement; readonly ring: SVGPathElement; readonly radius: number } | null)[];
  /** Per value of `view.weights`: the line (null if not drawn), and whether it is a bundle (drawn thick). */
  readonly lines: readonly ({ readonly line: SVGElement; readonly bundle: boolean } | null)[];
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Finds the elements of `view`'s values in `svg` (the diagram the build's pipeline drew of that network) and adds a ring to each valued cell. */
export function prepare(svg: SVGSVGElement, view: LivingViewMessage): Painted {
  const nodes = new Map<string, SVGGElement>();
  for (const node of svg.querySelectorAll<SVGGElement>('[data-node]')) nodes.set(node.dataset.node!, node);
  const lines = new Map<string, SVGElement>();
  for (const line of svg.querySelectorAll<SVGElement>('[data-from][data-kind]')) lines.set(`${line.dataset.from}|${line.dataset.to}|${line.dataset.kind}`, line);
  return {
    svg,
    cells: view.cells.map((id) => {
      const node = nodes.get(id);
      if (!node) return null;
      // A cell's body (a circle, or a rounded square for kernel cells), or an operation's circle (an
      // internals view's matmul box gets no ring: its value is the gate's input).
      const body = node.querySelector('.rz-body, circle.rz-op-body');
      if (!body) return null;
      const radius =
        body.tagName === 'circle' ? Number(body.getAttribute('r')) + (body.classList.contains('rz-op-body') ? -1 : 0) : Math.SQRT2 * (Number(body.getAttribute('width')) / 2) - 2;
      const ring = document.createElementNS(SVG_NS, 'path');
      ring.setAttribute('class', 'rz-live-ring');
      node.append(ring);
      return { node, ring, radius };
    }),
    lines: view.weights.map((w) => {
      const line = lines.get(w.edge);
      return line ? { line, bundle: line.dataset.bundle === 'true' } : null;
    }),
  };
}

/**
 * How much of the ring a value fills: |v| / (1 + |v|), so 0 is none, 1 half, 3 three quarters, and no
 * value overflows. The exact value is shown on hover and focus and in the table.
 */
export const ringShare = (value: number): number => Math.abs(value) / (1 + Math.abs(value));

/** An arc of `share` of a circle of radius r around the origin, from 12 o'clock, clockwise (or counter-clockwise). */
export function arcPath(r: number, share: number, clockwise: boolean): string {
  if (!(share > 0.001)) return '';
  const s = Math.min(share, 0.9999);
  const angle = 2 * Math.PI * s;
  const x = (clockwise ? 1 : -1) * r * Math.sin(angle);
  const y = -r * Math.cos(angle);
  return `M0 ${-r} A${r} ${r} 0 ${s > 0.5 ? 1 : 0} ${clockwise ? 1 : 0} ${x.toFixed(2)} ${y.toFixed(2)}`;
}

/**
 * A line's width for weight w: 0.6 px plus up to 3.4 px as |w| grows against `scale` (the run's first
 * frame's median |w|), so a weight that does not change keeps its width to the end.
 */
export const lineWidth = (w: number, scale: number): number => 0.6 + (3.4 * Math.abs(w)) / (Math.abs(w) + scale);

/** Added to a bundle's width: never thinner than 2.6 px, against a single weight's 0.6 to 4. */
const BUNDLE_EXTRA = 2;

/** The median magnitude of some weights (the scale line widths are read against), never 0. */
export function weightScale(weights: Float32Array): number {
  const sorted = Array.from(weights, Math.abs).filter(Number.isFinite).sort((a, b) => a - b);
  return Math.max(sorted[Math.floor(sorted.length / 2)] ?? 1, 1e-6);
}

/** Operations whose value is a share between 0 and 1 (a gate, one minus a gate): their ring shows it as it is. */
const SHARE_OPS: ReadonlySet<string> = new Set(['sigmoid', 'hard-sigmoid', 'one-minus']);

/**
 * Shows an internals frame at one step of the example and one unit: each operation's ring — a gate's
 * openness as the share of the ring it fills, any other value as a cell's is shown.
 */
export function paintStep(painted: Painted, values: Float32Array, at: { step: number; unit: number; units: number }): void {
  const nodes = painted.cells.length;
  painted.cells.forEach((cell, n) => {
    if (!cell) return;
    const v = values[(at.step * nodes + n) * at.units + at.unit]!;
    const share = SHARE_OPS.has(cell.node.dataset.op ?? '') ? v : ringShare(v);
    setIfChanged(cell.ring, 'd', Number.isFinite(v) ? arcPath(cell.radius + 4, share, v >= 0) : '');
    cell.ring.classList.toggle('rz-live-negative', v < 0);
  });
}

/**
 * Writes an attribute only when its value changes: every write costs the page style and layout work,
 * and a large drawing (the deep residual network's 1,176 lines) repaints within one animation frame
 * only if most of a frame's values, steady since the last, are left alone. Widths are written to 0.1 px.
 */
function setIfChanged(element: Element, name: string, value: string): void {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

/** Shows one frame: each valued cell's ring (solid clockwise for a positive value, dashed the other way for a negative one), each line's width and sign. */
export function paint(painted: Painted, frame: { readonly cells: Float32Array; readonly weights: Float32Array }, scale: number): void {
  painted.cells.forEach((cell, k) => {
    if (!cell) return;
    const v = frame.cells[k]!;
    setIfChanged(cell.ring, 'd', Number.isFinite(v) ? arcPath(cell.radius + 4, ringShare(v), v >= 0) : '');
    cell.ring.classList.toggle('rz-live-negative', v < 0);
  });
  painted.lines.forEach((drawn, k) => {
    if (!drawn) return;
    const w = frame.weights[k]!;
    // A bundle stays a thick line (how the legend tells it from a single weight), thicker as its weights grow.
    setIfChanged(drawn.line, 'style', `stroke-width:${(lineWidth(w, scale) + (drawn.bundle ? BUNDLE_EXTRA : 0)).toFixed(1)}px`);
    drawn.line.classList.toggle('rz-live-negative', w < 0);
  });
}

/** A layers view's boxes, each with two bars: its output's size (solid, along the bottom) and its weights' (dashed, along the top). */
export interface PaintedLayers {
  readonly svg: SVGSVGElement;
  readonly boxes: readonly ({ readonly node: SVGGElement; readonly output: SVGPathElement; readonly weights: SVGPathElement; readonly x: number; readonly y: number; readonly width: number; readonly height: number } | null)[];
}

export function prepareLayers(svg: SVGSVGElement, view: LivingViewMessage): PaintedLayers {
  const nodes = new Map<string, SVGGElement>();
  for (const node of svg.querySelectorAll<SVGGElement>('[data-layer]')) nodes.set(node.dataset.layer!, node);
  return {
    svg,
    boxes: view.cells.map((name) => {
      const node = nodes.get(name);
      const body = node?.querySelector('rect.rz-layer-body');
      if (!node || !body) return null;
      const bar = (kind: string) => {
        const path = document.createElementNS(SVG_NS, 'path');
        path.setAttribute('class', `rz-live-bar rz-live-bar-${kind}`);
        node.append(path);
        return path;
      };
      const [x, y, width, height] = ['x', 'y', 'width', 'height'].map((a) => Number(body.getAttribute(a)) || 0) as [number, number, number, number];
      return { node, output: bar('output'), weights: bar('weights'), x, y, width, height };
    }),
  };
}

/** Bar lengths: an output's RMS as a cell value is (|v| / (1 + |v|)), a weights' RMS against `scale` (the first frame's median), as line widths are. */
export function paintLayers(painted: PaintedLayers, frame: { readonly cells: Float32Array; readonly weights: Float32Array }, scale: number): void {
  painted.boxes.forEach((box, k) => {
    if (!box) return;
    const bar = (value: number, share: number, y: number) => (Number.isFinite(value) && share > 0.001 ? `M${box.x + 3} ${y} h${((box.width - 6) * share).toFixed(2)}` : '');
    const [out, w] = [frame.cells[k]!, frame.weights[k]!];
    // On the box's own top and bottom edges, clear of its text.
    box.output.setAttribute('d', bar(out, ringShare(out), box.y + box.height - 1.25));
    box.weights.setAttribute('d', bar(w, Math.abs(w) / (Math.abs(w) + scale), box.y + 1.25));
  });
}
