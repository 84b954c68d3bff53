import { defineParams } from '../params';

/** What the reader can change in the attention network demo; free of tfjs so the page can render the form at build time. */
export default defineParams([
  { name: 'steps', label: 'Sequence length', hint: 'Symbols in each sequence to reverse; output position i must read source position length − 1 − i.', scale: 'linear', min: 3, max: 8, step: 1, value: 6 },
  { name: 'symbols', label: 'Alphabet', hint: 'How many different symbols a sequence is made of (chance is one in this many).', scale: 'linear', min: 2, max: 8, step: 1, value: 5 },
  { name: 'epochs', label: 'Epochs', hint: 'Passes over the 600 training sequences.', scale: 'linear', min: 1, max: 40, step: 1, value: 15 },
  { name: 'learningRate', label: 'Learning rate', hint: 'Step size of the Adam optimizer.', scale: 'log10', min: -3, max: -1, step: 0.5, value: -1.5 },
]);
