import { defineParams } from '../params';

/**
 * What the reader can change in the echo-state network demo. Defaults are the definition's demo
 * configuration (tests/demos check they agree); this module stays free of tfjs so the article page
 * can render the form at build time.
 */
export default defineParams([
  { name: 'units', label: 'Reservoir size', hint: 'Number of recurrent cells.', scale: 'linear', min: 20, max: 400, step: 10, value: 100 },
  { name: 'density', label: 'Connectivity', hint: 'Share of the possible recurrent weights that exist.', scale: 'linear', min: 0.05, max: 1, step: 0.05, value: 0.1 },
  { name: 'spectralRadius', label: 'Spectral radius', hint: 'Largest eigenvalue magnitude of the recurrent weights; below 1 the echoes usually fade.', scale: 'linear', min: 0.1, max: 1.5, step: 0.05, value: 0.9 },
  { name: 'inputScale', label: 'Input scale', hint: 'Size of the random input weights: how hard the signal drives the reservoir.', scale: 'linear', min: 0.05, max: 1, step: 0.05, value: 0.1 },
  { name: 'ridge', label: 'Ridge penalty', hint: 'How strongly the readout weights are kept small, relative to the state sizes.', scale: 'log10', min: -9, max: 0, step: 1, value: -6 },
]);
