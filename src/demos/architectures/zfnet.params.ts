import { defineParams } from '../params';

/**
 * What the reader can change in the ZFNet demo (AlexNet's first layer against ZFNet's). This module
 * stays free of tfjs so the article page can render the form at build time.
 */
export default defineParams([
  { name: 'trainImages', label: 'Training images', hint: 'Enlarged digits both networks learn from; the last 597 of the 1,797 are kept apart for testing.', scale: 'linear', min: 100, max: 1200, step: 100, value: 300 },
  { name: 'epochs', label: 'Epochs', hint: 'Passes over the training images, for each network.', scale: 'linear', min: 1, max: 20, step: 1, value: 6 },
  { name: 'learningRate', label: 'Learning rate', hint: 'Step size of stochastic gradient descent with momentum 0.9, the same for both networks.', scale: 'log10', min: -3, max: -1, step: 0.5, value: -2 },
  { name: 'seed', label: 'Seed', hint: 'Starting weights: both networks draw theirs from this seed.', scale: 'linear', min: 1, max: 20, step: 1, value: 5 },
]);
