import { G, SVG, registerWindow, type Element, type Svg } from '@svgdotjs/svg.js';
import { createSVGWindow } from 'svgdom';

/**
 * A fresh svg.js canvas on its own svgdom window. Render is the only stage that touches a DOM, and
 * each call gets a new one, so nothing leaks between diagrams.
 */
export function createCanvas(): Svg {
  const window = createSVGWindow();
  registerWindow(window, window.document);
  return SVG(window.document.documentElement) as Svg;
}

/**
 * The most children one insertion hands to svgdom: it spreads them into call arguments
 * (`splice(i, 0, ...nodes)`), and a spread of ~1.2·10⁵ arguments overflows the stack (less in a deep one).
 */
const MAX_CHILDREN_PER_INSERT = 32_768;

/**
 * Attaches `children` — built detached (`new Path()`, `new G()`) — to an empty `parent`, in order.
 * svgdom plans every insertion over the parent's whole child list (a filter and a copy of it), so
 * appending n children one at a time costs O(n²); one `replaceChildren` costs O(n). Past
 * MAX_CHILDREN_PER_INSERT the children are wrapped in plain, attribute-free `<g>` chunks (recursively),
 * which changes no pixel and no metadata: readers find `data-*` elements at any depth.
 */
export function appendAll(parent: G, children: readonly Element[]): void {
  if (parent.node.childNodes.length > 0) throw new Error('appendAll: expected an empty parent, so it can be filled in one insertion');
  if (children.length <= MAX_CHILDREN_PER_INSERT) {
    parent.node.replaceChildren(...children.map((c) => c.node));
    return;
  }
  const chunks: G[] = [];
  for (let start = 0; start < children.length; start += MAX_CHILDREN_PER_INSERT) {
    const chunk = new G();
    appendAll(chunk, children.slice(start, start + MAX_CHILDREN_PER_INSERT));
    chunks.push(chunk);
  }
  appendAll(parent, chunks);
}

/**
 * Every number in geometry attribute values to at most two decimals: stable bytes, no float noise.
 * Metadata (`data-*`, `id`, `class`) is left alone: there `hidden.127` is a cell id, not 1.127.
 */
const roundNumbers = (markup: string): string =>
  markup.replace(/ ([^\s="]+)="([^"]*)"/g, (attribute: string, name: string, value: string) =>
    name.startsWith('data-') || name === 'id' || name === 'class'
      ? attribute
      : ` ${name}="${value.replace(/-?\d+\.\d{3,}/g, (n) => String(Math.round(Number(n) * 100) / 100))}"`,
  );

/**
 * Serialises the canvas without svg.js's private bookkeeping (the `svgjs` namespace and its data
 * attributes), which would otherwise leak into a public, committed artefact, and with rounded numbers.
 */
export function serialise(canvas: Svg): string {
  const markup = canvas.svg();
  return `${roundNumbers(
    markup.replace(/ xmlns:svgjs="[^"]*"/g, '').replace(/ svgjs:data="[^"]*"/g, '').replace(/ xmlns:xlink="[^"]*"/g, ''),
  )}\n`;
}
