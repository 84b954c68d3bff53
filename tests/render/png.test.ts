import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { renderPng } from '../../src/render/png';
import { PROJECT_ROOT } from '../support/temp-project';

const svg = readFileSync(`${PROJECT_ROOT}diagrams/perceptron.cells.svg`, 'utf8');
const [width, height] = [/ width="(\d+)"/, / height="(\d+)"/].map((re) => Number(re.exec(svg)![1]));
const decode = (bytes: Uint8Array) => PNG.sync.read(Buffer.from(bytes));
const corner = (png: PNG) => [...png.data.subarray(0, 4)];

describe('renderPng', () => {
  it('draws at twice the SVG size on opaque white paper by default, the same bytes every time', () => {
    const png = decode(renderPng(svg));
    expect([png.width, png.height]).toEqual([2 * width!, 2 * height!]);
    expect(corner(png)).toEqual([255, 255, 255, 255]);
    expect(Buffer.from(renderPng(svg)).equals(Buffer.from(renderPng(svg)))).toBe(true);
  });

  it('takes a scale and a background, transparent included', () => {
    const png = decode(renderPng(svg, { scale: 1, background: 'transparent' }));
    expect([png.width, png.height]).toEqual([width, height]);
    expect(corner(png)[3]).toBe(0);
  });

  it('rejects a scale that is not a positive number', () => {
    expect(() => renderPng(svg, { scale: 0 })).toThrow('invalid scale: 0 (expected a positive number)');
    expect(() => renderPng(svg, { scale: Number.NaN })).toThrow('invalid scale: NaN');
  });
});
