import { Path } from '@svgdotjs/svg.js';
import { describe, expect, it } from 'vitest';
import { appendAll, createCanvas, serialise } from '../../src/render/svg-canvas';
import { parseSvg } from '../support/svg-metadata';

describe('svg canvas', () => {
  it('attaches detached children in order, wrapping them past 32,768 in attribute-free chunks that keep every one', () => {
    const canvas = createCanvas();
    const paths = Array.from({ length: 70_000 }, (_, i) => new Path().plot(`M0 ${i}`).attr('data-from', `c.${i}`));
    appendAll(canvas.group().addClass('rz-edges'), paths);
    const svg = parseSvg(serialise(canvas));
    expect(svg.edges.map((e) => e.attributes['data-from'])).toEqual(paths.map((_, i) => `c.${i}`));
    expect(svg.edges.every((e) => e.ancestorClasses.includes('rz-edges'))).toBe(true);
    const chunks = svg.elements.filter((e) => e.name === 'g' && Object.keys(e.attributes).length === 0);
    expect(chunks).toHaveLength(3);
  });

  it('puts up to 32,768 children straight into their parent', () => {
    const canvas = createCanvas();
    appendAll(canvas.group(), Array.from({ length: 1000 }, (_, i) => new Path().plot(`M0 ${i}`)));
    const paths = Array.from({ length: 1000 }, (_, i) => `<path d="M0 ${i}"></path>`).join('');
    expect(serialise(canvas)).toContain(`<g>${paths}</g>`);
  });

  it('refuses a parent that already has children, which it could not fill in one insertion', () => {
    const canvas = createCanvas();
    const parent = canvas.group();
    parent.rect(1, 1);
    expect(() => appendAll(parent, [new Path()])).toThrow('appendAll: expected an empty parent');
  });

  it('rounds float noise in geometry but leaves metadata alone: hidden.127 is a cell id, not 1.127', () => {
    const canvas = createCanvas();
    canvas.rect(1.23456, 2).attr({ 'data-node': 'hidden.127', 'data-group': 'hidden-1.100' });
    const markup = serialise(canvas);
    expect(markup).toContain('width="1.23"');
    expect(markup).toContain('data-node="hidden.127"');
    expect(markup).toContain('data-group="hidden-1.100"');
  });
});
