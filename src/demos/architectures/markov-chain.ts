import * as tf from '@tensorflow/tfjs';
import mc, { distributions, stationaryDistribution, totalVariation, transitionsOf, visitFrequencies, walk } from '../../zoo/markov-chain';
import { plotSvg } from '../plot';
import type { ParamValues } from '../params';
import { defineDemo } from '../types';
import params from './markov-chain.params';

/** Where the walk's progress is reported and its counts shown: this many times along the way. */
const CHECKPOINTS = 25;
/** The first stretch of the walk whose visit frequencies the article compares with the whole walk's. */
const SHORT = 100;
/**
 * The most steps of the model's forward pass, π_t = π₀ Pᵗ (a sticky ring of 12 states needs about a
 * thousand), the distance at which it counts as mixed, and the fewest steps its plot shows.
 */
const FORWARD_STEPS = 2000;
const MIXED = 0.01;
const FORWARD_SHOWN = 30;

/** The chain at the reader's settings (a state has at most N − 1 others to move to); the walk's length and seed do not change it. */
const networkAt = (values: ParamValues<typeof params>) => ({
  ...mc.configs.demo!,
  states: values.states,
  successors: Math.min(values.successors, values.states - 1),
  stickiness: values.stickiness,
});

/**
 * The Markov chain definition at the reader's settings: its exact stationary distribution π (solved
 * from P), one seeded walk from state 0 whose visit frequencies are counted checkpoint by checkpoint
 * (shown against π as they accumulate), the total-variation distance between them as the walk grows,
 * and the model's own forward pass from state 0, π_t, converging to π.
 */
export default defineDemo({
  params,
  living: { architecture: mc, config: networkAt },
  stages: [
    { key: 'walk:steps', label: 'Walking the chain and counting visits to each state', unit: 'steps', errorLabel: 'total-variation distance to π', weight: 3 },
    { key: 'forward:steps', label: 'Running the model: the distribution over states, step by step', unit: 'steps', weight: 1 },
  ],
  run(values, progress) {
    const { states, seed } = values;
    const steps = Math.round(values.steps);
    const chain = networkAt(values);
    const model = mc.build(chain);
    try {
      // The living diagram's cells: the distribution step by step from state 0, where the walk starts
      // (the network reads it one-hot at the first step and nothing after, as in `distributions`).
      const fromState0 = Array.from({ length: chain.steps }, (_, t) => Array.from({ length: states }, (_, i) => (t === 0 && i === 0 ? 1 : 0)));
      progress.watch(model, tf.tensor3d([fromState0]));
      const pi = stationaryDistribution(transitionsOf(model));
      const path = walk(model, 0, steps, seed);
      const stateAxis = { label: 'state' };
      const perState = (title: string, frequencies: readonly number[], walked: number) =>
        plotSvg({
          title,
          description: `Share of the first ${walked.toLocaleString('en')} steps spent in each of the ${states} states (dots), against the stationary distribution π (band); total-variation distance ${totalVariation(frequencies, pi).toFixed(3)}.`,
          x: stateAxis,
          y: { label: 'probability' },
          series: [
            { label: 'stationary π', mark: 'band', points: pi.map((v, i) => [i, v] as const) },
            { label: 'visit frequency', mark: 'dots', points: frequencies.map((v, i) => [i, v] as const) },
          ],
        });

      const report = progress.within('walk');
      const curve: [number, number][] = [];
      for (let k = 1; k <= CHECKPOINTS; k++) {
        const walked = Math.max(1, Math.round((steps * k) / CHECKPOINTS));
        const frequencies = visitFrequencies(path, states, walked);
        const tv = totalVariation(frequencies, pi);
        curve.push([walked, tv]);
        report({ phase: 'steps', done: walked, total: steps, error: tv });
        progress.show([perState(`Visits after ${walked.toLocaleString('en')} of ${steps.toLocaleString('en')} steps`, frequencies, walked)]);
      }
      const shortTv = totalVariation(visitFrequencies(path, states, Math.min(SHORT, steps)), pi);
      const finalFrequencies = visitFrequencies(path, states);
      const finalTv = totalVariation(finalFrequencies, pi);

      const start = pi.map((_, i) => (i === 0 ? 1 : 0));
      const forward = distributions(model, start, FORWARD_STEPS).map((d) => totalVariation(d, pi));
      progress.within('forward')({ phase: 'steps', done: FORWARD_STEPS, total: FORWARD_STEPS });
      const firstMixed = forward.findIndex((tv) => tv < MIXED);
      const mixing = firstMixed === -1 ? FORWARD_STEPS : firstMixed;
      const shown = forward.slice(0, Math.min(FORWARD_STEPS, Math.max(FORWARD_SHOWN, 3 * mixing)));

      return {
        metrics: [
          { name: 'tv-short', label: `Total-variation distance after ${Math.min(SHORT, steps)} steps`, value: shortTv },
          { name: 'tv', label: `Total-variation distance after ${steps.toLocaleString('en')} steps`, value: finalTv },
          {
            name: 'mixing-steps',
            label: firstMixed === -1 ? `Steps run without πₜ coming within ${MIXED} of π` : `Steps until πₜ is within ${MIXED} of π`,
            value: mixing,
            kind: 'count',
          },
        ],
        plots: [
          perState(`Where the walker spent its ${steps.toLocaleString('en')} steps, against the stationary distribution`, finalFrequencies, steps),
          plotSvg({
            title: 'Total-variation distance between the visit frequencies and π, as the walk grows',
            description: `It falls from ${curve[0]![1].toFixed(3)} after ${curve[0]![0].toLocaleString('en')} steps to ${finalTv.toFixed(3)} after ${steps.toLocaleString('en')}: the share of time in each state settles to π.`,
            x: { label: 'steps walked' },
            y: { label: 'total-variation distance', scale: 'log', floor: 1e-4 },
            series: [{ label: 'visit frequencies vs π', mark: 'line', points: curve }],
          }),
          plotSvg({
            title: 'The model’s forward pass: distance from πₜ = π₀ Pᵗ to π, starting in state 0',
            description: `The distribution itself, computed by the network, ${firstMixed === -1 ? `does not come within ${MIXED} of π in ${FORWARD_STEPS} steps` : `comes within ${MIXED} of π after ${mixing} steps`}; the frequencies of one sampled walk converge far more slowly.`,
            x: { label: 'step t' },
            y: { label: 'total-variation distance', scale: 'log', floor: 1e-7 },
            series: [
              { label: 'πₜ vs π', mark: 'line', points: shown.map((tv, t) => [t, tv] as const) },
              { label: `distance ${MIXED}`, mark: 'dashed', points: [[0, MIXED], [shown.length - 1, MIXED]] },
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
