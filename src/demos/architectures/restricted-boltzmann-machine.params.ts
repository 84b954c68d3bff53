import { defineParams } from '../params';

/**
 * What the reader can change in the restricted Boltzmann machine demo. Defaults are the definition's
 * demo configuration and the schedule tests/zoo/restricted-boltzmann-machine.test.ts measures; this
 * module stays free of tfjs so the article page can render the form at build time.
 */
export default defineParams([
  { name: 'hidden', label: 'Hidden units', hint: 'At most 16, so the exact log-likelihood can sum over every hidden state.', scale: 'linear', min: 2, max: 16, step: 1, value: 16 },
  { name: 'k', label: 'Gibbs steps k', hint: 'CD-k: sampling steps from the data before each update’s negative phase.', scale: 'linear', min: 1, max: 10, step: 1, value: 1 },
  { name: 'learningRate', label: 'Learning rate', hint: 'Step size of each full-batch update of the weights and biases.', scale: 'linear', min: 0.1, max: 2, step: 0.1, value: 1 },
  { name: 'epochs', label: 'Epochs', hint: 'Full-batch updates over the 30 patterns.', scale: 'linear', min: 50, max: 1000, step: 50, value: 500 },
]);
