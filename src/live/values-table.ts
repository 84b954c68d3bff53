import type { LivingViewMessage } from '../demos/protocol';
import { formatValue } from './format-value';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/**
 * The frame shown, as a table: every valued cell and every drawn weight line with its value — the
 * living diagram's text alternative, read by a screen reader or a reader who prefers numbers.
 */
export function valuesTableHtml(view: LivingViewMessage, frame: { readonly cells: Float32Array; readonly weights: Float32Array }): string {
  const cells = view.cells.map((id, k) => `<tr><th scope="row">${escape(id)}</th><td data-live-cell="${escape(id)}">${formatValue(frame.cells[k]!)}</td></tr>`);
  const weights = view.weights.map((w, k) => {
    const [from, to, kind] = w.edge.split('|');
    const many = w.stands ? `, ${w.stands} connections (root mean square)` : '';
    return `<tr><th scope="row">${escape(from!)} → ${escape(to!)}</th><td>${escape(kind!)}, ${w.trainable ? 'trained' : 'fixed'}${many}</td><td data-live-weight="${escape(w.edge)}">${formatValue(frame.weights[k]!)}</td></tr>`;
  });
  return [
    `<table class="rz-living-table"><caption>Cell values on the example</caption><thead><tr><th scope="col">cell</th><th scope="col">value</th></tr></thead><tbody>${cells.join('')}</tbody></table>`,
    weights.length > 0
      ? `<table class="rz-living-table"><caption>Weights (a line standing for one pair's block shows its largest in magnitude; one standing for many connections, their root mean square)</caption><thead><tr><th scope="col">line</th><th scope="col">kind</th><th scope="col">value</th></tr></thead><tbody>${weights.join('')}</tbody></table>`
      : '',
  ].join('');
}

/** An internals frame at one step and unit, as a table: every operation and state with its value. */
export function stepTableHtml(view: LivingViewMessage, values: Float32Array, at: { step: number; unit: number }): string {
  const units = view.sequence!.units;
  const rows = view.cells.map((id, n) => {
    const node = view.view === 'internals' ? view.spec.nodes[n] : undefined;
    const symbol = node ? node.symbol : '';
    return `<tr><th scope="row">${escape(id)}</th><td>${escape(symbol)}</td><td data-live-cell="${escape(id)}">${formatValue(values[(at.step * view.cells.length + n) * units + at.unit]!)}</td></tr>`;
  });
  return `<table class="rz-living-table"><caption>Inside the cell at step ${at.step + 1}, unit ${at.unit}</caption><thead><tr><th scope="col">operation or state</th><th scope="col">symbol</th><th scope="col">value</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** A layers frame as a table: each layer's output RMS on the example and its trainable weights' RMS. */
export function layersTableHtml(view: LivingViewMessage, frame: { readonly cells: Float32Array; readonly weights: Float32Array }): string {
  const rows = view.cells.map(
    (name, k) => `<tr><th scope="row">${escape(name)}</th><td data-live-cell="${escape(name)}">${formatValue(frame.cells[k]!)}</td><td data-live-weight="${escape(name)}">${formatValue(frame.weights[k]!)}</td></tr>`,
  );
  return `<table class="rz-living-table"><caption>Each layer: root mean square of its output on the example, and of its trainable weights</caption><thead><tr><th scope="col">layer</th><th scope="col">output RMS</th><th scope="col">weights RMS</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
