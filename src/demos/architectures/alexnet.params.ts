import { defineParams } from '../params';

/**
 * What the reader can change in the AlexNet demo (ReLU against tanh). This module stays free of tfjs
 * so the article page can render the form at build time.
 */
export default defineParams([
  { name: 'trainImages', label: 'Training images', hint: 'Digits both networks learn from (the first of the 1,797).', scale: 'linear', min: 100, max: 1000, step: 100, value: 200 },
  { name: 'epochs', label: 'Epochs', hint: 'Passes over the training images, for each network.', scale: 'linear', min: 2, max: 20, step: 1, value: 6 },
  { name: 'learningRate', label: 'Learning rate', hint: 'Step size of stochastic gradient descent with momentum 0.9, the same for both networks.', scale: 'log10', min: -3, max: -1, step: 0.1, value: -2.3 },
  { name: 'target', label: 'Target error', hint: 'The training error whose first epoch the demo reports (the paper’s Figure 1 used 25 %).', scale: 'linear', min: 0.05, max: 0.5, step: 0.05, value: 0.25 },
]);
