import { defineParams } from '../params';

/**
 * What the reader can change in the Kohonen network demo. Defaults are the definition's demo
 * configuration (tests/demos check they agree); this module stays free of tfjs so the article page
 * can render the form at build time.
 */
export default defineParams([
  { name: 'side', label: 'Lattice side', hint: 'The map is side × side cells.', scale: 'linear', min: 4, max: 30, step: 1, value: 16 },
  { name: 'epochs', label: 'Epochs', hint: 'Passes over the 400 random colours, each in a fresh order.', scale: 'linear', min: 1, max: 60, step: 1, value: 20 },
  { name: 'radius', label: 'Starting radius', hint: 'Neighbourhood σ on the lattice, in cells, at the start; it shrinks to 0.25 by the end.', scale: 'linear', min: 0.5, max: 15, step: 0.5, value: 8 },
  { name: 'learningRate', label: 'Starting learning rate', hint: 'How far the winner moves towards the input at the start; it decays to 0.05 by the end.', scale: 'linear', min: 0.05, max: 1, step: 0.05, value: 0.5 },
]);
