import { defineParams } from '../params';

/** What the reader can change in the sequence-to-sequence demo; free of tfjs so the page can render the form at build time. */
export default defineParams([
  { name: 'steps', label: 'Sequence length', hint: 'Letters in each sequence to reverse; target step t must read source position length + 1 − t.', scale: 'linear', min: 3, max: 8, step: 1, value: 6 },
  { name: 'symbols', label: 'Alphabet', hint: 'How many different letters a sequence is made of (chance is one in this many).', scale: 'linear', min: 2, max: 8, step: 1, value: 5 },
  { name: 'epochs', label: 'Epochs', hint: 'Passes over the 600 training sequences, always with teacher forcing. More epochs, fewer mistakes to compound.', scale: 'linear', min: 1, max: 30, step: 1, value: 5 },
  { name: 'learningRate', label: 'Learning rate', hint: 'Step size of the Adam optimizer.', scale: 'log10', min: -3, max: -1, step: 0.5, value: -1.5 },
]);
