import { defineParams } from '../params';

/**
 * What the reader can change in the ResNet demo. `blocks` defaults to the definition's demo
 * configuration (tests/demos check they agree); this module stays free of tfjs so the article page
 * can render the form at build time.
 */
export default defineParams([
  { name: 'blocks', label: 'Bottleneck blocks', hint: 'Blocks of three convolutions in each network; the network is 2 + 3 × blocks layers deep.', scale: 'linear', min: 1, max: 12, step: 1, value: 4 },
  { name: 'steps', label: 'Training steps', hint: 'Mini-batches of 32 digits, the same ones in the same order for both networks.', scale: 'linear', min: 10, max: 120, step: 10, value: 30 },
  { name: 'learningRate', label: 'Learning rate', hint: 'Step size of SGD with momentum 0.9, the same for both networks.', scale: 'linear', min: 0.01, max: 0.2, step: 0.01, value: 0.08 },
]);
