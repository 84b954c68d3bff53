/** A value as the living diagram prints it: four significant digits, a true minus sign, "no value" for NaN. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return 'no value';
  const text = Math.abs(value) >= 1e-3 || value === 0 ? value.toPrecision(4) : value.toExponential(2);
  return text.replace('-', '−');
}
