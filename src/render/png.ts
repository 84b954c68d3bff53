import { Resvg } from '@resvg/resvg-js';
// PLACEHOLDER until the svg branch lands its renderer.
export function renderPng(svg: string): Uint8Array {
  return new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, background: 'white' }).render().asPng();
}
