import { defineParams } from '../params';

/**
 * What the reader can change in the stacked-lstm demo: the windowed-parity task and the training
 * budget. Defaults are the definition's demo configuration (tests/demos check they agree); free of
 * tfjs so the page renders the form at build time.
 */
export default defineParams([
  { name: 'window', label: 'Window', hint: 'How many of the latest bits each answer multiplies.', scale: 'linear', min: 2, max: 6, step: 1, value: 4 },
  { name: 'units', label: 'Cells per layer', hint: 'LSTM cells in each of the two stacked layers; the single layer gets enough cells for at least as many weights.', scale: 'linear', min: 2, max: 12, step: 1, value: 8 },
  { name: 'length', label: 'Sequence length', hint: 'Steps in each training sequence.', scale: 'linear', min: 6, max: 16, step: 1, value: 10 },
  { name: 'steps', label: 'Training steps', hint: 'Adam steps for each network, each on a fresh batch of 32 sequences.', scale: 'linear', min: 50, max: 500, step: 50, value: 150 },
]);
