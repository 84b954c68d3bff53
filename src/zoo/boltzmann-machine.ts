import * as tf from '@tensorflow/tfjs';
import { defineArchitecture } from '../architecture/define';
import { count, fields, positive, seed, type ConfigOf } from '../architecture/config-schema';
import { boltzmannWeightsOf, learnBoltzmann, setBoltzmannWeights, type BoltzmannLearning, type BoltzmannWeights } from '../network/boltzmann';
import { boltzmannMachine, type BoltzmannMachine } from '../network/layers/boltzmann-machine';
import type { OnProgress } from '../network/training/progress';

const configSchema = fields({
  visible: count(),
  hidden: count(),
  /** T of the model's own sweep: a unit turns on with probability σ(ΔE / T). */
  temperature: positive(),
  /** Seed of the starting weights (each pair uniform in [−1, 1)) and of the sweep's random numbers. */
  seed: seed(),
});
export type BoltzmannConfig = ConfigOf<typeof configSchema>;

/**
 * Visible units (the model's input, clamped to a data vector) and hidden units, every pair of them
 * joined by one symmetric weight: a custom layer, BoltzmannMachine, holds W over all units and the
 * biases. The model's forward pass is one clamped Gibbs sweep: it answers with a sample of the hidden
 * units given the visible ones. Free sampling, annealing and learning read the same weights
 * (src/network/boltzmann.ts).
 */
function build(config: BoltzmannConfig): tf.LayersModel {
  const visible = tf.input({ shape: [config.visible], name: 'visible' });
  const machine = boltzmannMachine({ hidden: config.hidden, temperature: config.temperature, seed: config.seed, name: 'hidden' });
  return tf.model({ inputs: visible, outputs: machine.apply(visible) as tf.SymbolicTensor, name: 'boltzmann-machine' });
}

/** The demo's data: two patterns on four visible units, each half the data (the best log-likelihood is −ln 2). */
export const TWO_PATTERNS: readonly (readonly number[])[] = [
  [1, 1, 0, 0],
  [0, 0, 1, 1],
];

/** The machine's layer in a built model. */
export const machineOf = (model: tf.LayersModel): BoltzmannMachine => model.getLayer('hidden') as BoltzmannMachine;

/** W, b and the visible count the model runs with. */
export const weightsOf = (model: tf.LayersModel): BoltzmannWeights => boltzmannWeightsOf(machineOf(model));

/**
 * Trains the model's machine on binary data vectors with the Boltzmann learning rule (exact clamped
 * and free statistics, see learnBoltzmann) at the model's temperature, and writes the weights back
 * into the layer. Returns the data's mean log-likelihood before training and after each epoch.
 */
export function trainBoltzmann(model: tf.LayersModel, data: readonly (readonly number[])[], options: BoltzmannLearning & { onProgress?: OnProgress }): number[] {
  const layer = machineOf(model);
  const { weights, logLikelihoods } = learnBoltzmann(boltzmannWeightsOf(layer), layer.temperature, data, options);
  setBoltzmannWeights(layer, weights);
  return logLikelihoods;
}

export default defineArchitecture<BoltzmannConfig>({
  id: 'boltzmann-machine',
  name: 'Boltzmann machine',
  abbreviation: 'BM',
  year: 1985,
  paper: {
    authors: ['David H. Ackley', 'Geoffrey E. Hinton', 'Terrence J. Sejnowski'],
    title: 'A learning algorithm for Boltzmann machines',
    venue: 'Cognitive Science 9(1), 147–169',
    year: 1985,
    url: 'https://doi.org/10.1207/s15516709cog0901_7',
  },
  credit: {
    kind: 'popularised',
    earlier: [
      {
        contributed: 'the network of symmetric stochastic binary units, its Boltzmann distribution and annealing',
        paper: {
          authors: ['Geoffrey E. Hinton', 'Terrence J. Sejnowski'],
          title: 'Optimal perceptual inference',
          venue: 'Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition, Washington DC, 448–453',
          year: 1983,
          url: 'https://papers.cnl.salk.edu/PDFs/Optimal%20Perceptual%20Inference%201983-646.pdf',
        },
      },
    ],
  },
  training: {
    method: 'Boltzmann learning (clamped and free phases)',
    summary:
      'Every symmetric weight moves by the difference between how often its two units are on together with data clamped on the visible units and how often when the machine runs free; no targets and no backpropagation.',
  },
  summary:
    'Stochastic binary units, visible and hidden, with a symmetric weight between every pair: run at a temperature, the network visits states with probability falling exponentially with their energy, and learning makes the data likely.',
  family: 'energy-based',
  views: ['cells'],
  configs: {
    diagram: { visible: 3, hidden: 2, temperature: 1, seed: 3 },
    demo: { visible: 4, hidden: 2, temperature: 1, seed: 5 },
  },
  configSchema,
  build,
  shapes: (c) => ({ input: [c.visible], output: [c.hidden] }),
  size: (c) => [
    { group: 'visible', cells: c.visible, weights: 0, field: 'visible' },
    { group: 'hidden', cells: c.hidden, weights: ((c.visible + c.hidden) * (c.visible + c.hidden - 1)) / 2, field: 'hidden' },
  ],
});
