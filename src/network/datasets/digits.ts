import text from '../datasets-data/digits-8x8.txt?raw';

/** scikit-learn's 8×8 handwritten digits (UCI, CC BY 4.0; see datasets-data/README.md). */
export interface Digits {
  /** One row of 64 pixels per image, row by row, scaled from 0…16 to 0…1. */
  readonly images: readonly Float32Array[];
  /** The digit each image shows, 0–9. */
  readonly labels: readonly number[];
}

export const DIGIT_SIDE = 8;
export const DIGIT_PIXELS = DIGIT_SIDE * DIGIT_SIDE;
const LETTER_ZERO = 'a'.charCodeAt(0);
const MAX_COUNT = 16;

/** Parses the committed file (label, then 64 letters a…q per line); fails naming the bad line. */
export function parseDigits(source: string): Digits {
  const images: Float32Array[] = [];
  const labels: number[] = [];
  source
    .split('\n')
    .filter((line) => line.length > 0)
    .forEach((line, i) => {
      if (!/^[0-9][a-q]{64}$/.test(line)) throw new Error(`digits line ${i + 1}: expected a digit and 64 letters a–q, but got "${line.slice(0, 20)}…"`);
      labels.push(Number(line[0]));
      images.push(Float32Array.from(line.slice(1), (ch) => (ch.charCodeAt(0) - LETTER_ZERO) / MAX_COUNT));
    });
  return { images, labels };
}

/** Module-level cache would be mutable state; parsing 1,797 short lines takes a few milliseconds anyway. */
export function loadDigits(): Digits {
  return parseDigits(text);
}
