import * as tf from '@tensorflow/tfjs';
import { anneal, boltzmannDistribution, energy, gibbsSweep, indexOf, logLikelihood, stateOf, temperatureAt, totalVariation, visibleDistribution, type BoltzmannWeights } from '../../network/boltzmann';
import { createRandom } from '../../network/numerics/random';
import boltzmann, { TWO_PATTERNS, trainBoltzmann, weightsOf } from '../../zoo/boltzmann-machine';
import { plotSvg } from '../plot';
import { defineDemo } from '../types';
import params from './boltzmann-machine.params';

/** Annealing runs counted, each from its own random start. */
const RUNS = 100;
/** Interim plots while learning and while sampling: the curve or the frequencies so far, this many times each. */
const PREVIEWS = 5;

const code = (x: number, n: number) => stateOf(x, n).join('');

/** Visible vectors on the x axis of the frequency plot: 0 … 2^visible − 1, read as the units' bits. */
function frequencyPlot(title: string, exact: readonly number[], sampled: readonly number[], sweeps: number, visible: number): string {
  const tv = totalVariation(sampled, exact);
  const top = [...exact.keys()].sort((a, b) => exact[b]! - exact[a]!).slice(0, 2);
  return plotSvg({
    title,
    description: `Exact p(v) from enumerating all states against the share of ${sweeps} sweeps spent at each visible vector; total variation distance ${tv.toFixed(3)}. The most probable vectors are ${top.map((x) => `${code(x, visible)} (exact ${exact[x]!.toFixed(3)}, sampled ${sampled[x]!.toFixed(3)})`).join(' and ')}.`,
    x: { label: 'visible vector number (unit i is bit i)' },
    y: { label: 'probability' },
    series: [
      { label: 'exact p(v)', mark: 'band', points: exact.map((p, x) => [x, p] as const) },
      { label: 'sampled frequency', mark: 'dashed', points: sampled.map((p, x) => [x, p] as const) },
    ],
  });
}

/** The data's mean log-likelihood epoch by epoch (entry 0: before learning), against the best any machine can do. */
function likelihoodPlot(title: string, logLikelihoods: readonly number[], epochs: number): string {
  return plotSvg({
    title,
    description: `From ${logLikelihoods[0]!.toFixed(3)} with the random starting weights to ${logLikelihoods.at(-1)!.toFixed(3)}; the best any machine can do is −ln 2 ≈ −0.693, half the probability on each pattern.`,
    x: { label: 'epoch' },
    y: { label: 'mean log-likelihood (nats)' },
    series: [
      { label: 'best possible, −ln 2', mark: 'band', points: [[0, -Math.LN2], [Math.max(epochs, 1), -Math.LN2]] },
      { label: 'log-likelihood', mark: 'line', points: logLikelihoods.map((v, i) => [i, v] as const) },
    ],
  });
}

/** The network at its demo size: no parameter changes it (they set how long it learns, samples and anneals). */
const networkAt = () => boltzmann.configs.demo!;

/**
 * The Boltzmann machine definition (4 visible, 2 hidden units) learns two patterns with the
 * Boltzmann rule, then runs free: Gibbs sampling at T = 1, whose visit frequencies are set against
 * the exact probabilities, and simulated annealing, whose energy is set against a run at a fixed
 * high temperature.
 */
export default defineDemo({
  params,
  living: { architecture: boltzmann, config: networkAt },
  stages: [
    { key: 'train:epochs', label: 'Learning: clamped co-occurrences minus free ones, every epoch', unit: 'epochs', errorLabel: 'mean log-likelihood', weight: 1 },
    { key: 'sample:sweeps', label: 'Sampling the free-running machine at T = 1', unit: 'sweeps', weight: 1 },
    { key: 'anneal:runs', label: 'Annealing from random starts', unit: 'runs', weight: 1 },
  ],
  run(values, progress) {
    const { epochs, sweeps, startTemperature, endTemperature, annealSweeps } = values;
    const config = networkAt();
    const model = boltzmann.build(config);
    try {
      // The living diagram's cells at the first of the two patterns it learns, clamped on the visible units.
      progress.watch(model, tf.tensor2d([[...TWO_PATTERNS[0]!]]));
      const n = config.visible + config.hidden;
      const learning = progress.within('train');
      const sofar = [logLikelihood(weightsOf(model), config.temperature, TWO_PATTERNS)];
      const logLikelihoods = trainBoltzmann(model, TWO_PATTERNS, {
        epochs,
        learningRate: 0.5,
        onProgress: (p) => {
          learning(p);
          sofar.push(p.error!);
          if (p.done % Math.ceil(epochs / PREVIEWS) === 0) progress.show([likelihoodPlot(`Mean log-likelihood after ${p.done} of ${epochs} epochs`, sofar, epochs)]);
        },
      });
      const weights: BoltzmannWeights = weightsOf(model);
      const learnt = logLikelihoods.at(-1)!;

      // Free sampling, counted by visible vector.
      const exact = visibleDistribution(weights, config.temperature);
      const visibleStates = exact.length;
      const counts = Array<number>(visibleStates).fill(0);
      const random = createRandom(11);
      const s = Array.from({ length: n }, () => (random.next() < 0.5 ? 1 : 0));
      const report = progress.within('sample');
      const every = Math.ceil(sweeps / PREVIEWS);
      for (let t = 1; t <= sweeps; t++) {
        gibbsSweep(weights, s, config.temperature, random);
        counts[indexOf(s) % visibleStates]!++;
        if (t % every === 0 || t === sweeps) {
          report({ phase: 'sweeps', done: t, total: sweeps });
          progress.show([frequencyPlot(`Visit frequencies after ${t} of ${sweeps} sweeps`, exact, counts.map((c) => c / t), t, config.visible)]);
        }
      }
      const sampled = counts.map((c) => c / sweeps);
      const tv = totalVariation(sampled, exact);

      // Annealing against a fixed high temperature, on the same machine.
      const energies = boltzmannDistribution(weights, 1).map((_, x) => energy(weights, stateOf(x, n)));
      const lowest = Math.min(...energies);
      const schedule = { from: startTemperature, to: endTemperature, sweeps: annealSweeps };
      const fixed = { from: startTemperature, to: startTemperature, sweeps: annealSweeps };
      const reached = (e: number) => e <= lowest + 1e-9;
      let annealedHits = 0;
      let fixedHits = 0;
      const runs = progress.within('anneal');
      for (let r = 0; r < RUNS; r++) {
        if (reached(anneal(weights, schedule, 1000 + r).energies.at(-1)!)) annealedHits++;
        if (reached(anneal(weights, fixed, 1000 + r).energies.at(-1)!)) fixedHits++;
        runs({ phase: 'runs', done: r + 1, total: RUNS });
      }
      const annealed = anneal(weights, schedule, 1000).energies;
      const hot = anneal(weights, fixed, 1000).energies;
      const curve = (e: readonly number[]) => e.map((v, t) => [t + 1, v] as const);

      return {
        metrics: [
          { name: 'log-likelihood', label: 'Mean log-likelihood of the two patterns (best −0.693)', value: learnt },
          { name: 'total-variation', label: 'Total variation, sampled against exact p(v)', value: tv },
          { name: 'annealed-share', label: `Annealing runs ending in the lowest-energy state (of ${RUNS})`, value: annealedHits, kind: 'count' },
          { name: 'fixed-share', label: `Runs at fixed T = ${startTemperature} ending there (of ${RUNS})`, value: fixedHits, kind: 'count' },
        ],
        plots: [
          likelihoodPlot(`Mean log-likelihood of the two patterns over ${epochs} epochs of the Boltzmann rule`, logLikelihoods, epochs),
          frequencyPlot(`Free-running visit frequencies of the 16 visible vectors after ${sweeps} sweeps at T = 1, against the exact Boltzmann probabilities`, exact, sampled, sweeps, config.visible),
          plotSvg({
            title: `Energy sweep by sweep: annealing from T = ${startTemperature} to ${endTemperature}, against a run at fixed T = ${startTemperature}`,
            description: `The annealed run ends at energy ${annealed.at(-1)!.toFixed(2)}, the fixed-temperature run at ${hot.at(-1)!.toFixed(2)}; the lowest energy of any state is ${lowest.toFixed(2)}. Of ${RUNS} runs from random starts, ${annealedHits} annealed runs and ${fixedHits} fixed-temperature runs end in a lowest-energy state.`,
            x: { label: `sweep (T at sweep 1: ${temperatureAt(schedule, 0)}, at the last: ${temperatureAt(schedule, annealSweeps - 1).toFixed(2)})` },
            y: { label: 'energy E(s)' },
            series: [
              { label: 'lowest energy', mark: 'band', points: [[1, lowest], [annealSweeps, lowest]] },
              { label: 'annealed', mark: 'line', points: curve(annealed) },
              { label: `fixed T = ${startTemperature}`, mark: 'dashed', points: curve(hot) },
            ],
          }),
        ],
      };
    } finally {
      progress.finish();
      model.dispose();
    }
  },
});
