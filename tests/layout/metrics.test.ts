import { Resvg } from '@resvg/resvg-js';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { METRICS, textWidth } from '../../src/layout/metrics';
import { PNG_FONTS } from '../../src/render/png';
import { DIAGRAM_CSS } from '../../src/render/style';
import { parseSvg } from '../support/svg-metadata';
import { PROJECT_ROOT } from '../support/temp-project';

/** Font size and weight a class gets from the diagrams' stylesheet. */
function fontOf(className: string): { size: number; bold: boolean } {
  const rule = new RegExp(`\\.${className}[,{][^}]*?font-size:(\\d+)px[^}]*`).exec(DIAGRAM_CSS)?.[0];
  if (!rule) throw new Error(`missing: font-size for .${className}`);
  return { size: Number(/font-size:(\d+)px/.exec(rule)![1]), bold: /font-weight:(700|bold)/.test(rule) };
}

/** Width of the ink of a text set in DejaVu Sans, as resvg (and the PNG export) draws it. */
function measure(text: string, size: number, bold: boolean): number {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="40"><text x="0" y="30" font-family="DejaVu Sans" font-size="${size}" font-weight="${bold ? 700 : 400}">${escaped}</text></svg>`;
  return new Resvg(svg, { font: PNG_FONTS }).getBBox()?.width ?? 0;
}

/** The texts layout reserves room for with textWidth: group labels and captions, legend entries. */
const SIZED_BY_ESTIMATE = ['rz-label', 'rz-caption', 'rz-legend-text'];

const texts = readdirSync(`${PROJECT_ROOT}diagrams`)
  .filter((f) => f.endsWith('.svg'))
  .flatMap((f) => parseSvg(readFileSync(`${PROJECT_ROOT}diagrams/${f}`, 'utf8')).elements)
  .filter((e) => e.name === 'text' && SIZED_BY_ESTIMATE.includes(e.attributes.class ?? ''))
  .map((e) => ({ text: e.content, className: e.attributes.class! }));
const distinct = [...new Map(texts.map((t) => [`${t.className} ${t.text}`, t])).values()];

describe('text width estimate', () => {
  it('uses the font sizes the stylesheet draws labels and captions with', () => {
    expect(fontOf('rz-label')).toEqual({ size: METRICS.labelSize, bold: true });
    expect(fontOf('rz-caption')).toEqual({ size: METRICS.captionSize, bold: false });
  });

  it('never underestimates a label, caption or legend text of any diagram, set in DejaVu Sans', () => {
    expect(distinct.length).toBeGreaterThan(20);
    const under = distinct.flatMap(({ text, className }) => {
      const { size, bold } = fontOf(className);
      const [measured, estimated] = [measure(text, size, bold), textWidth(text, size, bold ? 'bold' : 'regular')];
      expect(measured, text).toBeGreaterThan(0);
      return measured > estimated ? [`${className} "${text}": ${measured.toFixed(1)} > ${estimated}`] : [];
    });
    expect(under).toEqual([]);
  });
});
