import { defineParams } from '../params';

/** What the reader can change in the Neural Turing Machine demo; free of tfjs so the page can render the form at build time. */
export default defineParams([
  { name: 'longest', label: 'Longest training sequence', hint: 'Training sequences hold 1 to this many vectors; the test goes to twice as many.', scale: 'linear', min: 2, max: 6, step: 1, value: 3 },
  { name: 'rows', label: 'Memory rows', hint: 'Rows N of the memory matrix, each 4 numbers wide.', scale: 'linear', min: 6, max: 16, step: 1, value: 8 },
  { name: 'batches', label: 'Training batches', hint: 'Batches of 16 sequences each network trains on (the same for the NTM and the LSTM).', scale: 'linear', min: 20, max: 600, step: 10, value: 40 },
  { name: 'learningRate', label: 'Learning rate', hint: 'Step size of the Adam optimizer.', scale: 'log10', min: -3, max: -1, step: 0.5, value: -2 },
]);
