import { noisyPicture } from '../hopfield-pictures';
import { defineParams } from '../params';

/**
 * What the reader can change in the Hopfield network demo: how many of the eight 10 × 10 pictures
 * are stored, and the picture the recall starts from, drawn pixel by pixel. The sliders above it
 * pick a stored picture and corrupt it, into the drawing (its fill). This module stays free of tfjs
 * so the article page can render the form at build time, and fill the drawing in the page.
 */
export default defineParams([
  { name: 'patterns', label: 'Pictures stored', hint: "The first 1 to 8 of the eight pictures, stored at once by Hebb's rule in 100 units.", scale: 'linear', min: 1, max: 8, step: 1, value: 4 },
  { name: 'cue', label: 'Picture to recall', hint: 'Which stored picture “Start from picture + noise” draws (past the number stored, the last one stored), and which the overlap is measured with.', scale: 'linear', min: 1, max: 8, step: 1, value: 2 },
  { name: 'noise', label: 'Noise', hint: 'Share of its 100 pixels “Start from picture + noise” flips at random; at 0.5 nothing of the picture is left.', scale: 'linear', min: 0, max: 0.5, step: 0.05, value: 0.3 },
  { name: 'seed', label: 'Noise seed', hint: 'Which pixels are flipped: another seed, another corruption.', scale: 'linear', min: 1, max: 50, step: 1, value: 1 },
  {
    kind: 'pixels',
    name: 'start',
    label: 'Start of the recall',
    hint: 'The 100 units, ink +1 and paper −1: press a pixel to flip it (the arrow keys move between pixels). Run recalls from exactly this drawing.',
    rows: 10,
    columns: 10,
    value: Array.from({ length: 10 }, () => '.'.repeat(10)),
    fill: { label: 'Start from picture + noise', from: noisyPicture },
  },
]);
