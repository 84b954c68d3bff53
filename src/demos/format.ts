/**
 * How the demos print numbers, by what they are (a metric says which with its `kind`). Plain ASCII
 * digits, a hyphen-minus and an `e` exponent only: a metric's text is read back as a number (the
 * browser tests, bench/demo-backends.ts).
 */
export type MetricKind = 'count' | 'fraction' | 'seconds' | 'measure';

export const METRIC_KINDS: readonly MetricKind[] = ['count', 'fraction', 'seconds', 'measure'];

/** Significant digits of a measured value (a loss, an error, a distance). */
const MEASURE_DIGITS = 4;

/**
 * - `count` (weights, steps, digits): a whole number, `169`.
 * - `fraction` (an accuracy, a share of bits recalled: 0 to 1): three decimals, `0.984`, `1.000`.
 * - `seconds`: a tenth of a second, `4.9`.
 * - `measure` (the default: a loss, an error, a distance): four significant digits, `0.03127`,
 *   `12.35`; below 0.001 in exponent form, `3.40e-7`, so a small value does not read as 0; a value
 *   that is a whole number as one.
 */
export function formatNumber(value: number, kind: MetricKind = 'measure'): string {
  if (!Number.isFinite(value)) return String(value);
  switch (kind) {
    case 'count':
      return String(Math.round(value));
    case 'fraction':
      return value.toFixed(3);
    case 'seconds':
      return value.toFixed(1);
    case 'measure': {
      if (Number.isInteger(value)) return String(value);
      if (Math.abs(value) < 1e-3) return value.toExponential(2);
      if (Math.abs(value) >= 10 ** MEASURE_DIGITS) return String(Math.round(value));
      return value.toPrecision(MEASURE_DIGITS);
    }
  }
}
