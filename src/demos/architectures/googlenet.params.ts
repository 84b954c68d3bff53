import { defineParams } from '../params';

/**
 * What the reader can change in the GoogLeNet demo: the training both networks get. The networks
 * themselves are the two definitions' demo configurations; this module stays free of tfjs so the
 * article page can render the form at build time.
 */
export default defineParams([
  { name: 'trainImages', label: 'Training images', hint: 'Digits both networks learn from; the last 597 of the 1,797 are kept apart for testing.', scale: 'linear', min: 100, max: 1200, step: 100, value: 300 },
  { name: 'epochs', label: 'Epochs', hint: 'Passes over the training images, the same for both networks.', scale: 'linear', min: 1, max: 30, step: 1, value: 6 },
  { name: 'learningRate', label: 'Learning rate', hint: 'Step size of Adam, the same for both networks.', scale: 'log10', min: -3, max: -1, step: 0.1, value: -1.7 },
]);
