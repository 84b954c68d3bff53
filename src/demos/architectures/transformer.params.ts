import { defineParams } from '../params';

/** What the reader can change in the Transformer demo; free of tfjs so the page can render the form at build time. */
export default defineParams([
  { name: 'length', label: 'Sequence length', hint: 'Letters in each sequence to reverse; target position i must say source letter length − 1 − i.', scale: 'linear', min: 3, max: 6, step: 1, value: 4 },
  { name: 'alphabet', label: 'Alphabet', hint: 'How many different letters a sequence is made of (chance is one in this many).', scale: 'linear', min: 2, max: 6, step: 1, value: 3 },
  { name: 'epochs', label: 'Epochs', hint: 'Passes over the 200 training sequences, in two minibatches each; both decoders train for as many.', scale: 'linear', min: 5, max: 80, step: 1, value: 30 },
  { name: 'unmasked', label: 'Unmasked twin', hint: '1: also train the same network without the decoder mask, and compare; 0: the masked network only (half the time).', scale: 'linear', min: 0, max: 1, step: 1, value: 1 },
  { name: 'learningRate', label: 'Learning rate', hint: 'Step size of the Adam optimizer.', scale: 'log10', min: -3, max: -1, step: 0.5, value: -2 },
]);
