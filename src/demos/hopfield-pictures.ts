import { corrupt } from '../network/numerics/corrupt';

/**
 * The Hopfield network demo's data, free of tfjs: the demo page draws a corrupted picture into its
 * drawing grid with it (hopfield-network.params.ts) before any demo code loads.
 */

/** Eight 10 × 10 pictures, `#` ink (+1) and `.` paper (−1): the data the demo stores, written here, nothing downloaded. */
export const PICTURES: readonly { readonly name: string; readonly rows: readonly string[] }[] = [
  { name: 'ring', rows: ['..######..', '.########.', '###....###', '##......##', '##......##', '##......##', '##......##', '###....###', '.########.', '..######..'] },
  { name: 'cross', rows: ['##......##', '###....###', '.###..###.', '..######..', '...####...', '...####...', '..######..', '.###..###.', '###....###', '##......##'] },
  { name: 'plus', rows: ['....##....', '....##....', '....##....', '....##....', '##########', '##########', '....##....', '....##....', '....##....', '....##....'] },
  { name: 'checks', rows: ['##..##..##', '##..##..##', '..##..##..', '..##..##..', '##..##..##', '##..##..##', '..##..##..', '..##..##..', '##..##..##', '##..##..##'] },
  { name: 'stripes', rows: ['##########', '##########', '..........', '..........', '##########', '##########', '..........', '..........', '##########', '##########'] },
  { name: 'triangle', rows: ['#.........', '##........', '###.......', '####......', '#####.....', '######....', '#######...', '########..', '#########.', '##########'] },
  { name: 'frame', rows: ['##########', '#........#', '#.######.#', '#.#....#.#', '#.#.##.#.#', '#.#.##.#.#', '#.#....#.#', '#.######.#', '#........#', '##########'] },
  { name: 'bars', rows: ['#..#..#..#', '#..#..#..#', '#..#..#..#', '#..#..#..#', '#..#..#..#', '#..#..#..#', '#..#..#..#', '#..#..#..#', '#..#..#..#', '#..#..#..#'] },
];

/** The pictures as ±1 patterns of 100 values, row by row. */
export const pictures = (): number[][] => PICTURES.map((p) => [...p.rows.join('')].map((c) => (c === '#' ? 1 : -1)));

/**
 * The picture to recall (number `cue`, 1-based; past the `patterns` stored, the last one stored)
 * with a share `noise` of its pixels flipped (seeded), as 0/1 pixels row by row: the demo's start.
 */
export function noisyPicture(sliders: Readonly<Record<string, number>>): number[] {
  const { patterns = 1, cue = 1, noise = 0, seed = 1 } = sliders;
  return corrupt(pictures()[Math.min(cue, patterns) - 1]!, noise, seed).map((v) => (v > 0 ? 1 : 0));
}
