/**
 * Axis scales for the demo plots: a domain widened to round numbers, the tick values inside it,
 * and how to print them. Pure functions, so tests/demos can check them without a browser.
 */
export interface Scale {
  readonly kind: 'linear' | 'log';
  readonly domain: readonly [number, number];
  readonly ticks: readonly number[];
  /** A tick value as printed, with a real minus sign. */
  format(value: number): string;
}

const MINUS = '\u2212';
const SUPERSCRIPT: Readonly<Record<string, string>> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** The step among 1, 2, 5 × 10^k that cuts `span` into about `count` pieces. */
export function niceStep(span: number, count: number): number {
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const multiple = [1, 2, 5, 10].find((m) => m * power >= raw * 0.75) ?? 10;
  return multiple * power;
}

/** A linear scale over [lo, hi] with about `count` ticks at round values; a single value gets a unit-wide span. */
export function linearScale(lo: number, hi: number, count = 5): Scale {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo > hi) throw new Error(`invalid range: ${lo} … ${hi}`);
  const [a, b] = lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi];
  const step = niceStep(b - a, count);
  const decimals = decimalsOf(step);
  const first = Math.floor(a / step + 1e-9);
  const last = Math.ceil(b / step - 1e-9);
  return linearScaleWithStep(Number((first * step).toFixed(decimals)), Number((last * step).toFixed(decimals)), step);
}

/**
 * A linear scale over exactly [lo, hi] (lo < hi), ticked at the multiples of `step` inside it: for
 * a domain that is not widened to round numbers, e.g. one stretched to give both axes of a plot the
 * same units per pixel.
 */
export function linearScaleWithStep(lo: number, hi: number, step: number): Scale {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(lo < hi)) throw new Error(`invalid range: ${lo} … ${hi}`);
  if (!(step > 0) || !Number.isFinite(step)) throw new Error(`invalid step: ${step}`);
  const decimals = decimalsOf(step);
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  const round = (v: number) => Number(v.toFixed(decimals));
  const ticks = Array.from({ length: Math.max(0, last - first + 1) }, (_, k) => round((first + k) * step));
  return {
    kind: 'linear',
    domain: [lo, hi],
    ticks,
    format: (value) => {
      const text = value.toFixed(decimals);
      return Number(text) === 0 ? text.replace('-', '') : text.replace('-', MINUS);
    },
  };
}

/** Decimals that print every multiple of `step` exactly (a step of 0.25 rounds to 0.3: the nice steps are 1, 2, 5 × 10^k). */
const decimalsOf = (step: number) => Math.max(0, -Math.floor(Math.log10(step) + 1e-9));

/** A log10 scale over [lo, hi] (both > 0) from one power of ten to another, at most `count` + 1 labelled powers. */
export function logScale(lo: number, hi: number, count = 6): Scale {
  if (!(lo > 0) || !(hi >= lo) || !Number.isFinite(hi)) throw new Error(`invalid log range: ${lo} … ${hi} (expected 0 < lo ≤ hi)`);
  const low = Math.floor(Math.log10(lo) + 1e-9);
  const top = Math.max(low + 1, Math.ceil(Math.log10(hi) - 1e-9));
  const every = Math.ceil((top - low) / count);
  // Widen to a whole number of labelled intervals, so both ends of the axis carry a value.
  const high = low + every * Math.ceil((top - low) / every);
  const exponents = Array.from({ length: (high - low) / every + 1 }, (_, k) => low + k * every);
  return {
    kind: 'log',
    domain: [10 ** low, 10 ** high],
    ticks: exponents.map((e) => 10 ** e),
    format: (value) => {
      const exponent = Math.round(Math.log10(value));
      if (exponent === 0) return '1';
      if (exponent === 1) return '10';
      return `10${[...String(exponent)].map((c) => SUPERSCRIPT[c]).join('')}`;
    },
  };
}

/** Maps a value in the scale's domain to [0, 1] (linear, or linear in the logarithm). */
export function position(scale: Scale, value: number): number {
  const [a, b] = scale.domain;
  if (scale.kind === 'log') return (Math.log10(value) - Math.log10(a)) / (Math.log10(b) - Math.log10(a));
  return (value - a) / (b - a);
}
