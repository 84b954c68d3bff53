import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plotSvg, type Mark, type PlotSpec } from '../../src/demos/plot';
import { figureLayout, textProblems, unitsPerPixel } from '../support/figure-text';
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

  it('wraps legend entries into rows that fit the canvas, however many and however long', () => {
    const coefficients = (j: number) => Array.from({ length: 8 }, (_, i) => [i + 1, 0.3 + 0.05 * Math.sin(i + j)] as const);
    const marks: readonly Mark[] = ['line', 'dashed', 'dots'];
    const svg = plotSvg({
      ...spec,
      series: [3, 5, 8].map((digit, j) => ({ label: `to the class capsule for ${digit}`, mark: marks[j]!, points: coefficients(j) })),
    });
    expect(textProblems(figureLayout(svg))).toEqual([]);
    const legendY = parseSvg(svg).elements.filter((e) => e.name === 'text' && e.text.startsWith('to the class')).map((e) => Number(e.attributes.y));
    expect(new Set(legendY).size, 'entries on two rows').toBe(2);
    // A label longer than a whole row is wrapped onto lines of its own.
    const long = plotSvg({ ...spec, series: [{ label: 'a very long description of one series '.repeat(4), mark: 'line', points: wave }] });
    expect(textProblems(figureLayout(long))).toEqual([]);
    expect(long).toContain('<tspan');
  });

  it('keeps every text inside the canvas and clear of the others, for any labels, series and data', () => {
    const word = fc.stringMatching(/^[a-zA-Z0-9()=,.:α−]{1,14}$/);
    const label = fc.array(word, { minLength: 1, maxLength: 9 }).map((words) => words.join(' '));
    const series = fc.record({
      label,
      mark: fc.constantFrom<Mark>('band', 'line', 'dashed', 'dots', 'thin'),
      scale: fc.constantFrom(1e-4, 1, 1e3, 1e5),
      offset: fc.constantFrom(0, -50, 2000),
    });
    fc.assert(
      fc.property(fc.array(series, { minLength: 1, maxLength: 6 }), fc.boolean(), label, label, (all, equal, x, y) => {
        const svg = plotSvg({
          title: 'random',
          description: 'random',
          x: { label: x.slice(0, 40) },
          y: { label: y.slice(0, 24) },
          ...(equal ? { aspect: 'equal' as const } : {}),
          series: all.map((s, k) => ({ label: s.label, mark: s.mark, points: Array.from({ length: 20 }, (_, i) => [s.offset + i * s.scale, s.scale * Math.sin(i + k)] as const) })),
        });
        expect(textProblems(figureLayout(svg))).toEqual([]);
      }),
      { numRuns: 40, seed: 12 },
    );
  });

  it('draws an equal-aspect plot with one unit as long across as up, says so, and draws a circle round', () => {
    const ring = Array.from({ length: 121 }, (_, k) => [1.5 + Math.cos((2 * Math.PI * k) / 120), 1 + Math.sin((2 * Math.PI * k) / 120)] as const);
    const svg = plotSvg({ ...spec, x: { label: 'x' }, y: { label: 'y' }, aspect: 'equal', series: [{ label: 'a ring of radius 1', mark: 'band', points: ring }] });
    const parsed = parseSvg(svg);
    expect(parsed.root['data-aspect']).toBe('equal');
    expect(parsed.desc).toMatch(/same scale/);
    expect(parsed.elements.find((e) => e.attributes.class === 'rz-plot-note')?.text).toBe('x and y drawn to the same scale');
    const [x, y] = [unitsPerPixel(svg, 'x')!, unitsPerPixel(svg, 'y')!];
    expect(x / y).toBeCloseTo(1, 2);
    const d = parsed.elements.find((e) => e.attributes.class === 'rz-plot-band')!.attributes.d!;
    const coordinates = [...d.matchAll(/[ML]([\d.]+) ([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
    const extent = (axis: 0 | 1) => Math.max(...coordinates.map((c) => c[axis])) - Math.min(...coordinates.map((c) => c[axis]));
    expect(extent(0) / extent(1), 'the ring drawn as wide as tall').toBeCloseTo(1, 2);
    expect(textProblems(figureLayout(svg))).toEqual([]);
    // Without it, the same ring on the wide canvas is an ellipse.
    const stretched = parseSvg(plotSvg({ ...spec, series: [{ label: 'a ring', mark: 'band', points: ring }] }));
    const d2 = stretched.elements.find((e) => e.attributes.class === 'rz-plot-band')!.attributes.d!;
    const c2 = [...d2.matchAll(/[ML]([\d.]+) ([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
    const extent2 = (axis: 0 | 1) => Math.max(...c2.map((c) => c[axis])) - Math.min(...c2.map((c) => c[axis]));
    expect(extent2(0) / extent2(1)).toBeGreaterThan(1.2);
  });

  it('refuses an equal aspect on a log axis, naming the plot', () => {
    expect(() => plotSvg({ ...spec, aspect: 'equal', y: { label: 'v', scale: 'log' } })).toThrow('plot "Target and prediction": an equal aspect needs linear axes');
  });
});
