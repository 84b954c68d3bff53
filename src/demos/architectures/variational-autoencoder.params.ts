import { defineParams } from '../params';

/** What the reader can change in the variational autoencoder demo (a 2-D latent space). */
export default defineParams([
  { name: 'hidden', label: 'Hidden cells', hint: 'Width of the hidden layer in the encoder and in the decoder.', scale: 'linear', min: 8, max: 128, step: 8, value: 64 },
  { name: 'epochs', label: 'Training epochs', hint: 'Passes over the 1000 training digits.', scale: 'linear', min: 2, max: 40, step: 2, value: 20 },
]);
