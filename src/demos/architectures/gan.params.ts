import { defineParams } from '../params';

/** What the reader can change in the GAN demo; free of tfjs so the page can render the form at build time. */
export default defineParams([
  { name: 'steps', label: 'Training steps', hint: 'Rounds of the game: one discriminator step, then one generator step.', scale: 'linear', min: 100, max: 2000, step: 100, value: 600 },
  { name: 'discriminatorRate', label: 'Discriminator learning rate', hint: 'Step size of the discriminator’s own Adam optimizer.', scale: 'log10', min: -4, max: -1, step: 0.1, value: -2.3 },
  { name: 'generatorRate', label: 'Generator learning rate', hint: 'Step size of the generator’s own Adam optimizer.', scale: 'log10', min: -4, max: -1, step: 0.1, value: -2.3 },
  { name: 'noise', label: 'Noise size', hint: 'How many random numbers the generator turns into one point.', scale: 'linear', min: 1, max: 8, step: 1, value: 2 },
]);
