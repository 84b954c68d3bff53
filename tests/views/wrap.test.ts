import { describe, expect, it } from 'vitest';
import { wrapLines } from '../../src/views/wrap';

describe('wrapLines', () => {
  it('leaves a line within the limit alone', () => {
    expect(wrapLines(['3 hidden cells'], 16)).toEqual(['3 hidden cells']);
  });

  it('breaks at the last space or after the last hyphen within the limit, whichever comes later', () => {
    expect(wrapLines(['2 probabilistic-hidden cells'], 16)).toEqual(['2 probabilistic-', 'hidden cells']);
    expect(wrapLines(['5 match-input-output cells'], 16)).toEqual(['5 match-input-', 'output cells']);
    expect(wrapLines(['15 weights in: trained'], 16)).toEqual(['15 weights in:', 'trained']);
  });

  it('runs a few characters over rather than leave a short word on a line of its own', () => {
    expect(wrapLines(['12 connections in'], 16)).toEqual(['12 connections in']);
    expect(wrapLines(['fixed, no weights'], 16)).toEqual(['fixed, no', 'weights']);
  });

  it('keeps a word longer than the limit whole, breaking after it', () => {
    expect(wrapLines(['convolution-pool'], 8)).toEqual(['convolution-', 'pool']);
    expect(wrapLines(['supercalifragilistic cells'], 8)).toEqual(['supercalifragilistic', 'cells']);
    expect(wrapLines(['supercalifragilistic'], 8)).toEqual(['supercalifragilistic']);
  });

  it('never loses or adds a character other than the spaces it breaks at', () => {
    const line = '12 of 16 t−1 weights sparse, partly fixed';
    const wrapped = wrapLines([line], 10);
    expect(wrapped.every((l) => l.length <= 10 || !l.includes(' '))).toBe(true);
    expect(wrapped.join(' ')).toBe(line);
  });
});
