import { defineParams } from '../params';

/**
 * What the reader can change in the LeNet-5 demo; this module stays free of tfjs so the article page
 * can render the form at build time. The article quotes the defaults (300 training digits, 3 epochs)
 * and the accuracy they reach.
 */
export default defineParams([
  { name: 'trainImages', label: 'Training images', hint: 'Digits to learn from; the last 597 of the 1,797 are kept apart for testing.', scale: 'linear', min: 100, max: 1200, step: 100, value: 300 },
  { name: 'epochs', label: 'Epochs', hint: 'Passes over the training images.', scale: 'linear', min: 1, max: 10, step: 1, value: 3 },
  { name: 'learningRate', label: 'Learning rate', hint: 'Step size of Adam.', scale: 'log10', min: -4, max: -1, step: 0.5, value: -2.5 },
  { name: 'digit', label: 'Digit to look inside', hint: 'Which digit’s feature maps to show: the first unseen test image of that digit.', scale: 'linear', min: 0, max: 9, step: 1, value: 3 },
]);
