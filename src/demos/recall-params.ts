import { defineParams } from './params';

/**
 * The delayed-recall demos' parameters (lstm and gru share them). Defaults are the definitions'
 * demo configurations (tests/demos check they agree): a delay at which, within the default number
 * of steps, the gated network recalls the cue and the plain one does not. Free of tfjs, so the
 * article page renders the form at build time.
 */
export const recallParams = () =>
  defineParams([
    { name: 'delay', label: 'Delay k', hint: 'Steps between the cue and the recall signal: how long each network must remember.', scale: 'linear', min: 1, max: 20, step: 1, value: 8 },
    { name: 'noise', label: 'Distractor noise', hint: 'Standard deviation of the noise arriving between cue and recall, in the cue’s own channel.', scale: 'linear', min: 0, max: 3, step: 0.5, value: 2 },
    { name: 'units', label: 'Units', hint: 'Recurrent cells in each network.', scale: 'linear', min: 2, max: 16, step: 1, value: 8 },
    { name: 'steps', label: 'Training steps', hint: 'Adam steps for each network, each on a fresh batch of 32 sequences.', scale: 'linear', min: 50, max: 600, step: 50, value: 150 },
  ]);
