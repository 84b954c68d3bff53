import { defineParams } from '../params';

/**
 * What the reader can change in the Markov chain demo. Defaults are the definition's demo
 * configuration (tests/demos check they agree); this module stays free of tfjs so the article page
 * can render the form at build time.
 */
export default defineParams([
  { name: 'states', label: 'States', hint: 'Number of states N.', scale: 'linear', min: 3, max: 12, step: 1, value: 6 },
  { name: 'successors', label: 'Moves per state', hint: 'Other states each state can step to (at most N − 1); one of them is its ring neighbour.', scale: 'linear', min: 1, max: 4, step: 1, value: 2 },
  { name: 'stickiness', label: 'Stickiness', hint: 'Probability of staying in the same state for one more step.', scale: 'linear', min: 0, max: 0.95, step: 0.05, value: 0.5 },
  { name: 'steps', label: 'Walk length', hint: 'Steps the walker takes, from state 0.', scale: 'log10', min: 2, max: 5, step: 1, value: 4 },
  { name: 'seed', label: 'Walk seed', hint: 'Which random path the walker takes; the chain itself stays the same.', scale: 'linear', min: 1, max: 20, step: 1, value: 1 },
]);
