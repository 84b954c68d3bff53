import { defineParams } from '../params';

/**
 * What the reader can change in the bidirectional-rnn demo. Defaults are the definition's demo
 * configuration (tests/demos check they agree); free of tfjs so the page renders the form at build time.
 */
export default defineParams([
  { name: 'units', label: 'Cells per chain', hint: 'Cells in each of the two chains; the forward-only network gets twice as many in its one chain.', scale: 'linear', min: 2, max: 16, step: 1, value: 6 },
  { name: 'steps', label: 'Sequence length', hint: 'Steps in each sequence: every step but the last needs the next input.', scale: 'linear', min: 3, max: 16, step: 1, value: 8 },
  { name: 'epochs', label: 'Epochs', hint: 'Full-batch Adam steps for each network.', scale: 'linear', min: 10, max: 300, step: 10, value: 80 },
  { name: 'learningRate', label: 'Learning rate', hint: 'Adam’s step size, the same for both networks.', scale: 'linear', min: 0.005, max: 0.05, step: 0.005, value: 0.03 },
]);
