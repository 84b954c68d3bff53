import { defineParams } from '../params';

/**
 * What the reader can change in the DC-IGN demo. The code size defaults to the definition's demo
 * configuration (tests/demos check they agree); this module stays free of tfjs so the article page
 * can render the form at build time.
 */
export default defineParams([
  { name: 'latent', label: 'Code units', hint: 'Size of the graphics code z: each unit has its own mean and log-variance cell.', scale: 'linear', min: 2, max: 8, step: 1, value: 4 },
  { name: 'epochs', label: 'Training epochs', hint: 'Passes over the 1000 training digits.', scale: 'linear', min: 2, max: 30, step: 2, value: 8 },
  { name: 'digit', label: 'Digit to vary', hint: 'The held-out digit whose code the traversal starts from: every unit but two stays at its value.', scale: 'linear', min: 0, max: 9, step: 1, value: 3 },
]);
