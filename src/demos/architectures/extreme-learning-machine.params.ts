import { defineParams } from '../params';

/**
 * What the reader can change in the extreme learning machine demo. Defaults are the definition's
 * demo configuration (tests/demos check they agree); this module stays free of tfjs so the article
 * page can render the form at build time.
 */
export default defineParams([
  { name: 'hidden', label: 'Hidden cells', hint: 'Number of random sigmoid features.', scale: 'linear', min: 1, max: 200, step: 1, value: 40 },
  { name: 'inputScale', label: 'Input scale', hint: 'Random weights and biases lie between minus and plus this: small keeps the sigmoids nearly linear, large makes them steps.', scale: 'linear', min: 0.25, max: 16, step: 0.25, value: 4 },
  { name: 'ridge', label: 'Ridge penalty', hint: 'How strongly the output weights are kept small, relative to the feature sizes.', scale: 'log10', min: -12, max: 0, step: 1, value: -5 },
]);
