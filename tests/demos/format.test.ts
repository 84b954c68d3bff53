import { describe, expect, it } from 'vitest';
import { formatNumber, METRIC_KINDS } from '../../src/demos/format';
import { demoFigures } from '../support/demo-figures';

/** What the browser tests accept as a metric's text (tests/support/demo-driver.ts). */
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

describe('demo number formatting', () => {
  it('prints counts as whole numbers, fractions with three decimals, seconds to a tenth', () => {
    expect(formatNumber(169, 'count')).toBe('169');
    expect(formatNumber(1234, 'count')).toBe('1234');
    expect(formatNumber(0.98437, 'fraction')).toBe('0.984');
    expect(formatNumber(1, 'fraction')).toBe('1.000');
    expect(formatNumber(4.8731, 'seconds')).toBe('4.9');
  });

  it('prints a measured value with four significant digits, a small one in exponent form, a whole one as whole', () => {
    expect(formatNumber(0.031274)).toBe('0.03127');
    expect(formatNumber(12.3456)).toBe('12.35');
    expect(formatNumber(0.5)).toBe('0.5000');
    expect(formatNumber(3.4e-7)).toBe('3.40e-7');
    expect(formatNumber(-0.25)).toBe('-0.2500');
    expect(formatNumber(123456.7)).toBe('123457');
    expect(formatNumber(169)).toBe('169');
    expect(formatNumber(0)).toBe('0');
  });

  it('always prints something a reader and a test read back as the same number, within its precision', () => {
    for (const kind of METRIC_KINDS)
      for (const value of [0, 1, 169, 0.5, 0.98437, 3.4e-7, -2.5, 12345.678, 0.0012])
        expect(Math.abs(Number(formatNumber(value, kind)) - value), `${kind} ${value}: "${formatNumber(value, kind)}"`).toBeLessThanOrEqual(Math.max(0.5, Math.abs(value) * 1e-3));
    for (const kind of METRIC_KINDS) for (const value of [0, 169, -0.003, 3.4e-7]) expect(formatNumber(value, kind)).toMatch(NUMBER);
  });

  it('the minimal-gru demo reports its weight counts as counts, its recall as fractions and its times in seconds', async () => {
    const { metrics } = await demoFigures('minimal-gru');
    const printed = Object.fromEntries(metrics.map((m) => [m.name, formatNumber(m.value, m.kind)]));
    expect(printed['mgu-parameters']).toMatch(/^\d+$/);
    expect(printed['gru-parameters']).toMatch(/^\d+$/);
    for (const name of ['mgu-accuracy', 'gru-accuracy']) expect(printed[name]).toMatch(/^[01]\.\d{3}$/);
    for (const name of ['mgu-seconds', 'gru-seconds']) expect(printed[name]).toMatch(/^\d+\.\d$/);
  });
});
