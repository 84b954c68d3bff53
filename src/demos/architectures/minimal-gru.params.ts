import { defineParams } from '../params';

/**
 * What the reader can change in the minimal gated unit demo. Defaults match the definition's demo
 * configuration (units, seed); this module stays free of tfjs so the article page can render the form.
 */
export default defineParams([
  { name: 'delay', label: 'Delay', hint: 'How many steps back the bit to name lies: how long each bit must be held while new ones arrive.', scale: 'linear', min: 1, max: 8, step: 1, value: 4 },
  { name: 'units', label: 'Units', hint: 'Cells in the recurrent layer of both networks.', scale: 'linear', min: 2, max: 16, step: 1, value: 8 },
  { name: 'epochs', label: 'Epochs', hint: 'Full-batch Adam steps for each network.', scale: 'linear', min: 20, max: 300, step: 20, value: 100 },
  { name: 'learningRate', label: 'Learning rate', hint: 'Adam’s step size, the same for both networks.', scale: 'log10', min: -3, max: -1, step: 0.5, value: -1.5 },
  {
    name: 'keepBias',
    label: 'Keep bias b',
    hint: 'Both networks start keeping σ(b) of their state per step: 27 % at −1, 50 % at 0, 73 % at 1 (the GRU’s update-gate bias is b, the minimal unit’s forget-gate bias −b).',
    scale: 'linear',
    min: -1,
    max: 1,
    step: 1,
    value: 0,
  },
  { name: 'seed', label: 'Seed', hint: 'Draws the bits and both networks’ initial weights: another seed is another run of the same experiment.', scale: 'linear', min: 1, max: 5, step: 1, value: 1 },
]);
