import { defineParams } from '../params';

/**
 * What the reader can change in the Hopfield network demo: how many of the eight 10 × 10 pictures
 * are stored, which one is corrupted and fed in, and how much of it. This module stays free of tfjs
 * so the article page can render the form at build time.
 */
export default defineParams([
  { name: 'patterns', label: 'Pictures stored', hint: "The first 1 to 8 of the eight pictures, stored at once by Hebb's rule in 100 units.", scale: 'linear', min: 1, max: 8, step: 1, value: 4 },
  { name: 'cue', label: 'Picture to recall', hint: 'Which stored picture is corrupted and fed in (past the number stored, the last one stored).', scale: 'linear', min: 1, max: 8, step: 1, value: 2 },
  { name: 'noise', label: 'Noise', hint: 'Share of its 100 pixels flipped at random before recall; at 0.5 nothing of the picture is left.', scale: 'linear', min: 0, max: 0.5, step: 0.05, value: 0.3 },
  { name: 'seed', label: 'Noise seed', hint: 'Which pixels are flipped: another seed, another corruption.', scale: 'linear', min: 1, max: 50, step: 1, value: 1 },
]);
