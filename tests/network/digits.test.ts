import { describe, expect, it } from 'vitest';
import { loadDigits, parseDigits } from '../../src/network/datasets/digits';

describe('digits', () => {
  it('loads all 1,797 committed 8×8 digits as 64 pixels in 0…1 with labels 0–9', () => {
    const { images, labels } = loadDigits();
    expect(images.length).toBe(1797);
    expect(labels.length).toBe(1797);
    expect(images.every((image) => image.length === 64 && image.every((p) => p >= 0 && p <= 1))).toBe(true);
    expect(new Set(labels)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    // The file's first line is a zero whose top-left pixels are blank and third pixel is 5/16.
    expect(labels[0]).toBe(0);
    expect(images[0]![2]).toBeCloseTo(5 / 16, 6);
  });

  it('names the line of a malformed file', () => {
    expect(() => parseDigits('0' + 'a'.repeat(64) + '\n7abc\n')).toThrow('digits line 2: expected a digit and 64 letters a–q');
  });
});
