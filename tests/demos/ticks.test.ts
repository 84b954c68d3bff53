import { describe, expect, it } from 'vitest';
import { linearScale, logScale, niceStep, position } from '../../src/demos/ticks';

describe('plot scales', () => {
  it('steps by 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(200, 5)).toBe(50);
    expect(niceStep(2, 5)).toBe(0.5);
    expect(niceStep(8, 5)).toBe(2);
    expect(niceStep(0.003, 5)).toBe(0.0005);
  });

  it('widens a linear domain to round ticks that cover the data, without float noise', () => {
    const scale = linearScale(400, 599);
    expect(scale.ticks).toEqual([400, 450, 500, 550, 600]);
    expect(scale.domain).toEqual([400, 600]);
    const unit = linearScale(-0.93, 0.97);
    expect(unit.ticks).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(linearScale(0.1, 0.7).ticks).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
  });

  it('prints linear ticks with the step’s decimals and a real minus sign', () => {
    const scale = linearScale(-0.93, 0.97);
    expect(scale.ticks.map((t) => scale.format(t))).toEqual(['−1.0', '−0.5', '0.0', '0.5', '1.0']);
  });

  it('gives a constant series a unit-wide domain instead of dividing by zero', () => {
    const scale = linearScale(3, 3);
    expect(scale.domain[0]).toBeLessThan(3);
    expect(scale.domain[1]).toBeGreaterThan(3);
  });

  it('puts log ticks on powers of ten, thinned over many decades, printed as 10ⁿ', () => {
    const scale = logScale(3e-8, 4.2);
    expect(scale.domain).toEqual([1e-8, 100]);
    expect(scale.ticks.map((t) => scale.format(t))).toEqual(['10⁻⁸', '10⁻⁶', '10⁻⁴', '10⁻²', '1', '10²']);
    expect(logScale(12, 16).ticks).toEqual([10, 100]);
    expect(() => logScale(0, 1)).toThrow('invalid log range: 0 … 1');
  });

  it('places values linearly, or linearly in their logarithm', () => {
    expect(position(linearScale(400, 600), 450)).toBeCloseTo(0.25);
    expect(position(logScale(1e-4, 1), 1e-2)).toBeCloseTo(0.5);
  });
});
