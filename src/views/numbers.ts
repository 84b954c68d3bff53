/**
 * A count as readers write it: digits grouped in threes with commas ("100,000 weights", not
 * "100000 weights"). Done by hand rather than with toLocaleString so the bytes never depend on the
 * ICU data or locale of the machine that draws. Cell indices and ids are not counts: never grouped.
 */
export const groupDigits = (n: number): string => (Number.isInteger(n) ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : String(n));
