import { defineParams } from '../params';

/**
 * What the reader can change in the deep residual network demo. Defaults are the definition's
 * demo configuration (tests/demos check they agree); this module stays free of tfjs so the article
 * page can render the form at build time.
 */
export default defineParams([
  { name: 'depth', label: 'Depth', hint: 'Dense layers in each network: a stem, two per residual block, an output.', scale: 'linear', min: 4, max: 40, step: 2, value: 20 },
  { name: 'width', label: 'Width', hint: 'Cells in every hidden layer.', scale: 'linear', min: 2, max: 32, step: 1, value: 8 },
  { name: 'epochs', label: 'Epochs', hint: 'Full-batch Adam steps for each network.', scale: 'linear', min: 20, max: 400, step: 20, value: 100 },
  { name: 'learningRate', label: 'Learning rate', hint: 'Adam’s step size, the same for both networks.', scale: 'log10', min: -4, max: -1, step: 1, value: -2 },
]);
