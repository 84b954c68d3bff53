import { defineParams } from '../params';

/**
 * What the reader can change in the deep-bidirectional-lstm demo. Defaults are the definition's demo
 * configuration (tests/demos check they agree); free of tfjs so the page renders the form at build time.
 */
export default defineParams([
  { name: 'units', label: 'Cells per chain, deep network', hint: 'Cells in each chain of each of the two layers; the one-layer network gets twice as many per chain, so about as many weights.', scale: 'linear', min: 2, max: 8, step: 1, value: 4 },
  { name: 'steps', label: 'Sequence length', hint: 'Steps in each sequence.', scale: 'linear', min: 4, max: 16, step: 1, value: 8 },
  { name: 'epochs', label: 'Epochs', hint: 'Full-batch Adam steps for each network.', scale: 'linear', min: 10, max: 200, step: 10, value: 40 },
  { name: 'learningRate', label: 'Learning rate', hint: 'Adam’s step size, the same for both networks.', scale: 'linear', min: 0.005, max: 0.08, step: 0.005, value: 0.05 },
]);
