import { defineParams } from '../params';

/**
 * What the reader can change in the VGG-16 demo. `filters` defaults to the first stage of the
 * definition's demo configuration (tests/demos check they agree); this module stays free of tfjs so
 * the article page can render the form at build time.
 */
export default defineParams([
  { name: 'filters', label: 'Feature maps', hint: 'Feature maps of every convolution in the first stage; the second stage has twice as many, as VGG doubles them.', scale: 'linear', min: 2, max: 16, step: 2, value: 4 },
  { name: 'trainImages', label: 'Training images', hint: 'Digits both networks learn from; the last 597 of the 1,797 are kept apart for testing.', scale: 'linear', min: 100, max: 1200, step: 100, value: 300 },
  { name: 'epochs', label: 'Epochs', hint: 'Passes over the training images, the same for both networks.', scale: 'linear', min: 1, max: 30, step: 1, value: 6 },
  { name: 'learningRate', label: 'Learning rate', hint: 'Step size of Adam, the same for both networks.', scale: 'log10', min: -3, max: -1, step: 0.1, value: -1.7 },
]);
