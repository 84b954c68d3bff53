import { describe, expect, it } from 'vitest';
import { plotSvg, type PlotSpec } from '../../src/demos/plot';
import { parseSvg } from '../support/svg-metadata';

const wave = Array.from({ length: 200 }, (_, i) => [400 + i, Math.sin(i / 10)] as const);
const spec: PlotSpec = {
  title: 'Target and prediction',
  description: 'They agree.',
  x: { label: 'time step' },
  y: { label: 'value' },
  series: [
    { label: 'target', mark: 'band', points: wave },
    { label: 'prediction', mark: 'dashed', points: wave },
    { label: 'samples', mark: 'dots', points: wave.slice(0, 7) },
  ],
};

const tickLabels = (svg: ReturnType<typeof parseSvg>, anchor: 'middle' | 'end') =>
  svg.elements.filter((e) => e.name === 'text' && e.ancestorClasses.includes('rz-plot-tick') && e.attributes['text-anchor'] === anchor).map((e) => e.text);

describe('demo plots', () => {
  it('is a titled, described image with tick values on both axes', () => {
    const svg = parseSvg(plotSvg(spec));
    expect(svg.root.role).toBe('img');
    expect(svg.title).toBe('Target and prediction');
    expect(svg.desc).toBe('They agree.');
    expect(tickLabels(svg, 'middle')).toEqual(['400', '450', '500', '550', '600']);
    expect(tickLabels(svg, 'end')).toEqual(['−1.0', '−0.5', '0.0', '0.5', '1.0']);
  });

  it('draws coinciding series so both show: a wide band under a thin dashed line, each with its own legend sample', () => {
    const svg = parseSvg(plotSvg(spec));
    const drawn = (mark: string) => svg.elements.filter((e) => (e.attributes.class ?? '').split(' ').includes(`rz-plot-${mark}`));
    const [band, bandSample] = drawn('band');
    const [dashed, dashedSample] = drawn('dashed');
    expect(Number(band!.attributes['stroke-width'])).toBeGreaterThanOrEqual(3 * Number(dashed!.attributes['stroke-width']));
    expect(dashed!.attributes['stroke-dasharray']).toBeTruthy();
    expect(band!.attributes['stroke-dasharray']).toBeUndefined();
    // Legend samples repeat the mark's shape, not just its colour.
    expect(bandSample!.attributes['stroke-width']).toBe(band!.attributes['stroke-width']);
    expect(dashedSample!.attributes['stroke-dasharray']).toBe(dashed!.attributes['stroke-dasharray']);
    expect(svg.elements.filter((e) => e.name === 'circle' && e.ancestorClasses.includes('rz-plot-dots'))).toHaveLength(7);
    // The band is drawn first, so the dashed line lies on top of it.
    expect(svg.elements.indexOf(band!)).toBeLessThan(svg.elements.indexOf(dashed!));
  });

  it('draws zero on a log axis at the floor instead of failing, and labels the decades', () => {
    const markup = plotSvg({ ...spec, y: { label: 'distance', scale: 'log', floor: 1e-6 }, series: [{ label: 'distance', mark: 'line', points: [[0, 3], [1, 0.01], [2, 0]] }] });
    expect(markup).not.toMatch(/NaN|Infinity/);
    expect(tickLabels(parseSvg(markup), 'end')).toEqual(['10⁻⁶', '10⁻⁴', '10⁻²', '1', '10²']);
  });

  it('draws a series of several curves as one path of subpaths, named once in the legend', () => {
    const bumps = [0, 1, 2].map((c) => wave.map(([x, y]) => [x, y * c] as const));
    const svg = parseSvg(plotSvg({ ...spec, series: [{ label: 'one bump', mark: 'thin', curves: bumps }, { label: 'sum', mark: 'line', points: wave }] }));
    const thin = svg.elements.filter((e) => (e.attributes.class ?? '').split(' ').includes('rz-plot-thin'));
    expect(thin, 'the curves, then the legend sample').toHaveLength(2);
    expect(thin[0]!.attributes.d!.match(/M/g)).toHaveLength(3);
    expect(svg.elements.filter((e) => e.name === 'text' && e.text === 'one bump')).toHaveLength(1);
  });

  it('escapes text, and names a plot without points in its error', () => {
    expect(parseSvg(plotSvg({ ...spec, title: 'a < b & c' })).title).toBe('a < b & c');
    expect(() => plotSvg({ ...spec, series: [] })).toThrow('plot "Target and prediction": no points');
  });
});
