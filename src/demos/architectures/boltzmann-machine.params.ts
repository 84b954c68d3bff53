import { defineParams } from '../params';

/**
 * What the reader can change in the Boltzmann machine demo (4 visible and 2 hidden units, the
 * definition's demo configuration). This module stays free of tfjs so the article page can render
 * the form at build time.
 */
export default defineParams([
  { name: 'epochs', label: 'Learning epochs', hint: 'Steps of the Boltzmann rule on the two patterns 1100 and 0011, with exact statistics.', scale: 'linear', min: 0, max: 400, step: 10, value: 150 },
  { name: 'sweeps', label: 'Sampling sweeps', hint: 'Gibbs sweeps of the free-running machine at T = 1, counted to compare with the exact probabilities.', scale: 'linear', min: 500, max: 40000, step: 500, value: 20000 },
  { name: 'startTemperature', label: 'Annealing: starting temperature', hint: 'T of the first annealing sweep; the fixed-temperature run for comparison stays at it.', scale: 'linear', min: 0.5, max: 10, step: 0.5, value: 4 },
  { name: 'endTemperature', label: 'Annealing: final temperature', hint: 'T of the last sweep; it falls geometrically from the starting one.', scale: 'linear', min: 0.05, max: 2, step: 0.05, value: 0.05 },
  { name: 'annealSweeps', label: 'Annealing sweeps', hint: 'Sweeps in each annealing run (100 runs are counted).', scale: 'linear', min: 5, max: 200, step: 5, value: 40 },
]);
