import { defineParams } from '../params';

/** What the reader can change in the autoencoder demo (defaults: the definition's demo configuration). */
export default defineParams([
  { name: 'code', label: 'Code cells', hint: 'Width of the bottleneck every image must pass through.', scale: 'linear', min: 1, max: 32, step: 1, value: 8 },
  { name: 'epochs', label: 'Training epochs', hint: 'Passes over the 1000 training digits.', scale: 'linear', min: 2, max: 60, step: 2, value: 20 },
]);
