/**
 * Width of a text run in a demo figure, without a DOM to measure it in (the figures are built as
 * strings in the demo worker). Advances per class of character, rounded up from DejaVu Sans: the
 * widest face of the site's font stack, so the narrower system faces fit too. An upper bound, not a
 * fit: tests/demos/figure-texts.test.ts measures every text of every demo's figures against it.
 */

const NARROW = /[fijlrtIJ.,:;'|!()[\]/\-]/;
const WIDE = /[mwMW@%—]/;
const SYMBOL = /[−+=×→←↑↓≈<>±]/;
const DIGIT = /[0-9]/;
const UPPER = /[A-Z]/;

function advance(c: string): number {
  if (c === ' ') return 0.33;
  if (DIGIT.test(c)) return 0.64;
  if (NARROW.test(c)) return 0.4;
  if (WIDE.test(c)) return 1;
  if (SYMBOL.test(c)) return 0.84;
  if (UPPER.test(c)) return 0.8;
  return 0.66;
}

/** Width in the figure's units of `text` set at `size`. */
export function textWidth(text: string, size: number): number {
  let em = 0;
  for (const c of text) em += advance(c);
  return Math.ceil(em * size);
}

/**
 * `text` broken at spaces into lines no wider than `width` (a word wider than that stays whole on
 * a line of its own).
 */
export function wrapText(text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && textWidth(`${last} ${word}`, size) <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.length > 0 ? lines : [''];
}
