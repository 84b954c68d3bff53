import { defineParams } from '../params';

/** What the reader can change in the vision transformer demo; free of tfjs so the page can render the form at build time. */
export default defineParams([
  {
    name: 'positions',
    label: 'Position embeddings',
    hint: '1: a learned vector is added to each token, saying which patch it came from; 0: none, so the encoder sees the four patches as an unordered set.',
    scale: 'linear',
    min: 0,
    max: 1,
    step: 1,
    value: 1,
  },
  { name: 'hidden', label: 'Token width', hint: 'Numbers in each token (the paper’s D), shared by every patch and by the class token.', scale: 'linear', min: 8, max: 32, step: 8, value: 16 },
  { name: 'epochs', label: 'Epochs', hint: 'Passes over the 1,000 training digits.', scale: 'linear', min: 1, max: 30, step: 1, value: 6 },
  { name: 'learningRate', label: 'Learning rate', hint: 'Step size of the Adam optimizer.', scale: 'log10', min: -3.5, max: -1.5, step: 0.5, value: -2 },
]);
