import { defineParams } from '../params';

/**
 * What the reader can change in the deep belief network demo. Defaults are the definition's demo
 * configuration and the schedule tests/zoo/deep-belief-network.test.ts measures; this module stays
 * free of tfjs so the article page can render the form at build time.
 */
export default defineParams([
  { name: 'hidden1', label: 'First hidden layer', hint: 'Units in layer 1; at most 16, so the bound can sum over every state of it.', scale: 'linear', min: 2, max: 16, step: 1, value: 10 },
  { name: 'hidden2', label: 'Second hidden layer', hint: 'Units in layer 2; at 16 (as many as the pixels) it starts from layer 1’s weights transposed.', scale: 'linear', min: 2, max: 32, step: 1, value: 16 },
  { name: 'k', label: 'Gibbs steps k', hint: 'CD-k for both layers.', scale: 'linear', min: 1, max: 10, step: 1, value: 1 },
  { name: 'epochs', label: 'Epochs per layer', hint: 'Full-batch updates for each layer, one layer after the other.', scale: 'linear', min: 50, max: 1000, step: 50, value: 500 },
]);
