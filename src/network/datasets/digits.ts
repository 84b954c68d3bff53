import text from '../datasets-data/digits-8x8.txt?raw';

export interface Digits {
  /** One row of 64 pixels per image, row by row, scaled from 0…16 to 0…1. */
  readonly images: readonly Float32Array[];
  /** The digit each image shows, 0–9. */
  readonly labels: readonly number[];
}

const PIXELS = 64;
const LETTER_ZERO = 'a'.charCodeAt(0);
const MAX_COUNT = 16;

/** Parses the committed file (format in ../datasets-data/README.md); a malformed line is named. */
export function parseDigits(source: string): Digits {
  const images: Float32Array[] = [];
  const labels: number[] = [];
  source.split('\n').forEach((line, n) => {
    if (line.trim() === '') return;
    if (!/^[0-9][a-q]{64}$/.test(line)) throw new Error(`digits line ${n + 1}: expected a digit and 64 letters a–q, but got "${line.slice(0, 20)}…"`);
    labels.push(Number(line[0]));
    const image = new Float32Array(PIXELS);
    for (let p = 0; p < PIXELS; p++) image[p] = (line.charCodeAt(p + 1) - LETTER_ZERO) / MAX_COUNT;
    images.push(image);
  });
  return { images, labels };
}

/** scikit-learn's 1,797 8×8 handwritten digits (CC BY 4.0), shipped with the site: nothing downloads. */
export const loadDigits = (): Digits => parseDigits(text);
