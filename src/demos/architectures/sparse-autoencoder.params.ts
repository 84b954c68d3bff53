import { defineParams } from '../params';

/** What the reader can change in the sparse autoencoder demo (100 code cells for 64 pixels). */
export default defineParams([
  { name: 'weight', label: 'Sparsity weight β', hint: 'How much the penalty counts against the reconstruction error; 0 switches it off.', scale: 'linear', min: 0, max: 6, step: 0.5, value: 3 },
  { name: 'target', label: 'Target rate ρ', hint: 'The average activity each code cell is pushed towards.', scale: 'linear', min: 0.01, max: 0.3, step: 0.01, value: 0.05 },
  {
    name: 'weightDecay',
    label: 'Weight decay λ',
    hint: 'Adds λ/2 times the sum of the squared weights to the loss, as in Ng’s notes; 0 switches it off.',
    scale: 'linear',
    min: 0,
    max: 0.01,
    step: 0.0005,
    value: 0.001,
  },
  { name: 'epochs', label: 'Training epochs', hint: 'Passes over the 1000 training digits.', scale: 'linear', min: 2, max: 40, step: 2, value: 16 },
]);
