import text from '../datasets-data/digits-8x8.txt?raw';

/** Pixels per digit: 8 rows of 8. */
export const DIGIT_PIXELS = 64;
export const DIGIT_SIDE = 8;

export interface Digits {
  /** One row of 64 grey levels in 0…1 per digit, row by row (0 = blank, 1 = all 16 sub-pixels inked). */
  readonly images: readonly Float32Array[];
  /** The digit each image shows, 0–9. */
  readonly labels: readonly number[];
}

/** Highest count in the format: each 8×8 pixel counts the on-pixels of a 4×4 block of the original. */
const MAX_COUNT = 16;
const LETTER_A = 'a'.charCodeAt(0);

/**
 * scikit-learn's 1,797 handwritten 8×8 digits (src/network/datasets-data/README.md), parsed from
 * the committed text file: nothing is downloaded. Vite's `?raw` import makes the same module work in
 * Node (vitest) and in the demo worker's bundle.
 */
export function loadDigits(): Digits {
  return parseDigits(text);
}

/** Parses the format `<label><64 letters a–q>` per line; a malformed line is reported by number. */
export function parseDigits(source: string): Digits {
  const images: Float32Array[] = [];
  const labels: number[] = [];
  source.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    if (!/^[0-9][a-q]{64}$/.test(line)) throw new Error(`digits line ${index + 1}: expected a digit and 64 letters a–q, but got "${line.slice(0, 80)}"`);
    labels.push(Number(line[0]));
    const image = new Float32Array(DIGIT_PIXELS);
    for (let p = 0; p < DIGIT_PIXELS; p++) image[p] = (line.charCodeAt(p + 1) - LETTER_A) / MAX_COUNT;
    images.push(image);
  });
  return { images, labels };
}

/** Indices of the first image of each digit 0–9 among `indices`, in label order: one example per class. */
export function oneOfEach(labels: readonly number[], indices: readonly number[]): number[] {
  return Array.from({ length: 10 }, (_, digit) => {
    const found = indices.find((i) => labels[i] === digit);
    if (found === undefined) throw new Error(`oneOfEach: no image of digit ${digit} among ${indices.length} images`);
    return found;
  });
}

/** The split every autoencoder demo and test uses: the first 1000 digits to train, the other 797 held out. */
export function digitSplit(digits: Digits = loadDigits()): { train: readonly Float32Array[]; test: readonly Float32Array[]; testLabels: readonly number[] } {
  return { train: digits.images.slice(0, TRAIN_COUNT), test: digits.images.slice(TRAIN_COUNT), testLabels: digits.labels.slice(TRAIN_COUNT) };
}

const TRAIN_COUNT = 1000;
