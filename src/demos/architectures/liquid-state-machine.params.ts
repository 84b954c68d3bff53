import { defineParams } from '../params';

/**
 * What the reader can change in the liquid state machine demo. Defaults are the definition's demo
 * configuration and its spike task (tests/demos check they agree); this module stays free of tfjs
 * so the article page can render the form at build time.
 */
export default defineParams([
  { name: 'density', label: 'Connection density', hint: 'Share of the possible neuron-to-neuron synapses in the liquid that exist.', scale: 'linear', min: 0.01, max: 0.5, step: 0.01, value: 0.05 },
  { name: 'units', label: 'Liquid size', hint: 'Number of leaky integrate-and-fire neurons.', scale: 'linear', min: 20, max: 300, step: 10, value: 100 },
  { name: 'jitter', label: 'Jitter', hint: 'Standard deviation, in time steps, of the random shift of every input spike of a sample.', scale: 'linear', min: 0, max: 10, step: 0.5, value: 3 },
]);
