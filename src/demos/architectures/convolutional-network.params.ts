import { defineParams } from '../params';

/**
 * What the reader can change in the convolutional network demo. `filters` defaults to the
 * definition's demo configuration (tests/demos check they agree); this module stays free of tfjs so
 * the article page can render the form at build time.
 */
export default defineParams([
  { name: 'filters', label: 'Kernels', hint: 'How many 3×3 kernels (feature maps) the convolution learns; each has 9 weights shared across the image.', scale: 'linear', min: 1, max: 12, step: 1, value: 6 },
  { name: 'trainImages', label: 'Training images', hint: 'Digits to learn from; the last 597 of the 1,797 are kept apart for testing.', scale: 'linear', min: 100, max: 1200, step: 100, value: 400 },
  { name: 'epochs', label: 'Epochs', hint: 'Passes over the training images.', scale: 'linear', min: 1, max: 30, step: 1, value: 10 },
  { name: 'learningRate', label: 'Learning rate', hint: 'Step size of Adam.', scale: 'log10', min: -4, max: -1, step: 0.5, value: -1.5 },
]);
