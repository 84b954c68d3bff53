import { defineParams } from '../params';

/** What the reader can change in the DNC demo; free of tfjs so the page can render the form at build time. */
export default defineParams([
  { name: 'maxLength', label: 'Longest sequence trained on', hint: 'Each training batch copies sequences of 1 up to this many 2-bit vectors.', scale: 'linear', min: 1, max: 4, step: 1, value: 2 },
  { name: 'iterations', label: 'Training batches', hint: 'Batches of 8 fresh sequences; each is one gradient step, for the DNC and for the LSTM.', scale: 'linear', min: 5, max: 600, step: 5, value: 30 },
  { name: 'locations', label: 'Memory locations N', hint: 'Rows of the DNC’s memory, each 4 numbers wide.', scale: 'linear', min: 2, max: 10, step: 1, value: 4 },
  { name: 'learningRate', label: 'Learning rate', hint: 'Step size of the Adam optimizer, for both networks.', scale: 'log10', min: -3, max: -1, step: 0.5, value: -1.5 },
]);
