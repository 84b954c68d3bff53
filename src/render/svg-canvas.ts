import { SVG, registerWindow, type Svg } from '@svgdotjs/svg.js';
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

/** Every number in attribute values to at most two decimals: stable bytes, no float noise. */
const roundNumbers = (markup: string): string =>
  markup.replace(/="([^"]*)"/g, (_, value: string) => `="${value.replace(/-?\d+\.\d{3,}/g, (n) => String(Math.round(Number(n) * 100) / 100))}"`);

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
