import { defineParams } from '../params';

/**
 * What the reader can change in the deep Q-network demo; free of tfjs so the page can render the form
 * at build time. The seed's default is the definition's demo configuration's (tests/demos check it).
 */
export default defineParams([
  { name: 'steps', label: 'Training moves', hint: 'Moves the agent makes in the grid world; from the 100th on, one gradient step on a replayed minibatch per move.', scale: 'linear', min: 300, max: 3000, step: 100, value: 1000 },
  { name: 'targetEvery', label: 'Copy period C', hint: 'The target network becomes a copy of the online one every C gradient steps. C = 1 copies after every step: no separate target.', scale: 'linear', min: 1, max: 300, step: 1, value: 50 },
  { name: 'learningRate', label: 'Learning rate', hint: 'Step size of the online network’s Adam optimizer.', scale: 'log10', min: -3.5, max: -1, step: 0.1, value: -2 },
  { name: 'seed', label: 'Seed', hint: 'Sets the initial weights, the exploration and the replayed minibatches.', scale: 'linear', min: 1, max: 20, step: 1, value: 3 },
]);
