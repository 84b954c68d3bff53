import { describe, expect, it } from 'vitest';
import { colourGridSvg } from '../../src/demos/colour-grid';
import { parseSvg } from '../support/svg-metadata';

const map = (label: string, value: number) => ({ label, rows: 2, columns: 3, colours: Array.from({ length: 6 }, (_, k) => [value, k / 5, 1 - k / 5]) });

describe('colour grids', () => {
  it('draws each map as one square per unit, row by row, in the unit’s colour, labelled underneath', () => {
    const svg = parseSvg(colourGridSvg({ title: 'Maps', description: 'Two maps.', maps: [map('start', 0), map('epoch 5', 1)], size: 60 }));
    expect([svg.root.role, svg.title, svg.desc]).toEqual(['img', 'Maps', 'Two maps.']);
    const squares = svg.elements.filter((e) => e.name === 'rect');
    expect(squares).toHaveLength(12);
    expect(squares.slice(0, 6).map((s) => s.attributes.fill)).toEqual(['#0000ff', '#0033cc', '#006699', '#009966', '#00cc33', '#00ff00']);
    expect(squares.slice(0, 6).map((s) => [s.attributes.x, s.attributes.y])).toEqual([['0', '0'], ['20', '0'], ['40', '0'], ['0', '20'], ['20', '20'], ['40', '20']]);
    expect(squares[6]!.attributes.x, 'the second map sits to the right of the first').toBe('76');
    expect(svg.elements.filter((e) => e.name === 'text').map((e) => e.text)).toEqual(['start', 'epoch 5']);
  });

  it('clamps colours into range, and names a map whose colours do not fill its lattice', () => {
    const svg = parseSvg(colourGridSvg({ title: 'T', description: 'D', maps: [{ label: 'x', rows: 1, columns: 1, colours: [[-0.2, 0.5, 1.7]] }] }));
    expect(svg.elements.find((e) => e.name === 'rect')!.attributes.fill).toBe('#0080ff');
    expect(() => colourGridSvg({ title: 'T', description: 'D', maps: [{ ...map('bad', 0), rows: 3 }] })).toThrow('colour grid "T": map "bad" has 6 colours for 3×3 units');
  });
});
