import { describe, expect, it } from 'vitest';
import { heatMapSvg, type HeatMapSpec } from '../../src/demos/heat-map';

const spec: HeatMapSpec = {
  title: 'Attention <weights>',
  description: 'row 0 reads column 1',
  columnsLabel: 'source position j',
  rowsLabel: 'output i',
  columnLabels: ['0', '1'],
  rowLabels: ['i = 0', 'i = 1'],
  values: [
    [0.25, 0.75],
    [1, 0],
  ],
  rowNotes: ['reads j = 1', 'reads j = 0'],
  key: { label: 'weight' },
};

/** Fill opacities of the map's squares (not its key's), in document order. */
const cellOpacities = (svg: string) => [...svg.slice(svg.indexOf('rz-heat-cells'), svg.indexOf('rz-ink-key')).matchAll(/fill-opacity="([\d.]+)"/g)].map((m) => Number(m[1]));

describe('heat map', () => {
  it('is a titled, described image with one square per value, inked at that value’s opacity, and each row’s note as text', () => {
    const svg = heatMapSvg(spec);
    expect(svg).toMatch(/^<svg[^>]* role="img"[^>]*><title>Attention &lt;weights><\/title><desc>row 0 reads column 1<\/desc>/);
    expect(cellOpacities(svg)).toEqual([0.25, 0.75, 1, 0]);
    for (const text of ['source position j →', 'output i ↓', 'i = 1', 'reads j = 0']) expect(svg).toContain(text);
  });

  it('refuses values that do not fit its labels or lie outside [0, 1], naming the row', () => {
    expect(() => heatMapSvg({ ...spec, values: [[0.5, 0.5]] })).toThrow('heat map "Attention <weights>": 1 rows of values for 2 row labels');
    expect(() => heatMapSvg({ ...spec, values: [[0.5], [1, 0]] })).toThrow('row 0 has 1 values for 2 columns');
    expect(() => heatMapSvg({ ...spec, values: [[0.5, 1.5], [1, 0]] })).toThrow('row 0 has a value outside [0, 1]');
  });
});
