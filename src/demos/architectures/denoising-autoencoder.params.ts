import { defineParams } from '../params';

/** What the reader can change in the denoising autoencoder demo (defaults: the definition's demo configuration). */
export default defineParams([
  { name: 'noise', label: 'Noise level', hint: 'Standard deviation of the Gaussian noise added to every pixel (pixels run from 0 to 1), in training and in the test.', scale: 'linear', min: 0.05, max: 0.8, step: 0.05, value: 0.3 },
  { name: 'epochs', label: 'Training epochs', hint: 'Passes over the 1000 training digits, each with fresh noise.', scale: 'linear', min: 2, max: 40, step: 2, value: 16 },
]);
