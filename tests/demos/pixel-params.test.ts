import { describe, expect, it } from 'vitest';
import { defineParams, isPixels, parseParams, pixelsOf, pixelsText, type ParamSpec, type PixelsSpec } from '../../src/demos/params';

/** A 3 × 4 drawing whose fill draws a bar in the row the slider picks. */
const row: ParamSpec = { name: 'row', label: 'Bar row', hint: '', scale: 'linear', min: 1, max: 3, step: 1, value: 2 };
const bar: PixelsSpec = {
  kind: 'pixels',
  name: 'drawing',
  label: 'Drawing',
  hint: '',
  rows: 3,
  columns: 4,
  value: ['#...', '.#..', '..#.'],
  fill: { label: 'Draw the bar', from: ({ row: r }) => Array.from({ length: 12 }, (_, k) => (Math.floor(k / 4) === r! - 1 ? 1 : 0)) },
};
const plain: PixelsSpec = { ...bar, name: 'plain', label: 'Plain drawing', fill: undefined };

describe('demo parameters: a drawing (pixels)', () => {
  const schema = defineParams([row, bar, plain]);

  it('parses the form’s string of 1s and 0s into 0/1 pixels, row by row', () => {
    const values = parseParams(schema, { drawing: '100001000010', plain: '111100000000' });
    expect(values.drawing).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0]);
    expect(values.plain).toEqual(pixelsOf(['####', '....', '....']));
    expect(values.row).toBe(2);
    expect(pixelsText(values.drawing as readonly number[])).toBe('100001000010');
  });

  it('defaults a missing drawing to its fill from the sliders as sent, else to its own value', () => {
    expect(parseParams(schema, { row: '3' }).drawing).toEqual(pixelsOf(['....', '....', '####']));
    expect(parseParams(schema, { drawing: '' }).drawing).toEqual(pixelsOf(['....', '####', '....']));
    expect(parseParams(schema, {}).plain).toEqual(pixelsOf(['#...', '.#..', '..#.']));
  });

  it('rejects a drawing of the wrong size or with other characters, naming the field, with the sliders’ problems', () => {
    expect(() => parseParams(schema, { drawing: '1000' })).toThrow('invalid drawing: got 4 pixels (expected 12 pixels, 3 rows of 4, each 0 or 1)');
    expect(() => parseParams(schema, { plain: '10000100001x' })).toThrow('invalid plain drawing: got a character other than 0 or 1 (expected 12 pixels');
    expect(() => parseParams(schema, { plain: 5 })).toThrow('invalid plain drawing: got a number, not a string of 0s and 1s');
    expect(() => parseParams(schema, { row: '7', plain: '1' })).toThrow(/invalid bar row: 7 .*; invalid plain drawing: got 1 pixels/);
  });

  it('fails at definition for a bad drawing spec, and when a fill draws the wrong size', () => {
    expect(() => defineParams([{ ...plain, rows: 0 }])).toThrow('parameter plain: invalid size: 0 rows of 4 pixels');
    expect(() => defineParams([{ ...plain, value: ['#...', '.#..'] }])).toThrow('parameter plain: default drawing must be 3 rows of 4 characters, each # or .');
    expect(() => defineParams([{ ...plain, value: ['#...', '.#..', '..x.'] }])).toThrow('default drawing must be 3 rows of 4 characters');
    const short = defineParams([{ ...bar, fill: { label: 'Oops', from: () => [1] } }]);
    expect(() => parseParams(short, {})).toThrow('parameter drawing: its fill drew something else: invalid drawing: got 1 pixels');
  });

  it('tells drawings from sliders', () => {
    expect(schema.map(isPixels)).toEqual([false, true, true]);
  });
});
