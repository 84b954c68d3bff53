import { defineParams } from '../params';

/**
 * What the reader can change in the deconvolutional network demo; free of tfjs so the article page
 * can render the form at build time.
 */
export default defineParams([
  { name: 'epochs', label: 'Epochs', hint: 'Training steps on the ten class codes.', scale: 'linear', min: 10, max: 400, step: 10, value: 120 },
  { name: 'learningRate', label: 'Learning rate', hint: 'Step size of Adam.', scale: 'log10', min: -4, max: -1, step: 0.5, value: -1.5 },
  { name: 'blendFrom', label: 'Blend from digit', hint: 'The code the blend row starts at.', scale: 'linear', min: 0, max: 9, step: 1, value: 1 },
  { name: 'blendTo', label: 'Blend to digit', hint: 'The code the blend row ends at.', scale: 'linear', min: 0, max: 9, step: 1, value: 7 },
]);
