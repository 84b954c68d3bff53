import type { Summary } from './stats';

/** Milliseconds below a second, else seconds: the unit a reader expects for that size. */
const unitFor = (ms: number): { readonly name: string; readonly per: number } => (ms < 999.5 ? { name: 'ms', per: 1 } : { name: 's', per: 1000 });

/** About three significant digits, never an exponent, no trailing zeros after a decimal point. */
function digits(value: number): string {
  const decimals = value >= 100 ? 0 : value >= 10 ? 1 : value >= 0.1 ? 2 : 3;
  const text = value.toFixed(decimals);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

export function formatMs(ms: number): string {
  const unit = unitFor(ms);
  return `${digits(ms / unit.per)} ${unit.name}`;
}

/** "1.23 s (1.1–1.4)": the median, then the fastest and slowest run in the median's unit. */
export function formatSummary(summary: Summary): string {
  if (summary.n === 1) return formatMs(summary.median);
  const unit = unitFor(summary.median);
  return `${formatMs(summary.median)} (${digits(summary.min / unit.per)}–${digits(summary.max / unit.per)})`;
}

export const formatRatio = (ratio: number): string => `${ratio >= 10 ? ratio.toFixed(0) : digits(ratio)}×`;

export const formatCount = (n: number): string => n.toLocaleString('en-US');
