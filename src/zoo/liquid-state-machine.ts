import * as tf from '@tensorflow/tfjs';
import { count, fields, fraction, positive, seed, type ConfigOf } from '../architecture/config-schema';
import { defineArchitecture } from '../architecture/define';
import { spikePatterns, type SpikeTrains } from '../network/datasets/spike-patterns';
import { spikingLiquid } from '../network/layers/leaky-integrate-and-fire';
import { liquidSynapses } from '../network/liquid';
import { nonzerosBound } from '../network/reservoir';
import type { OnProgress } from '../network/training/progress';
import { fitRidge, setDenseWeights } from '../network/training/ridge';

const configSchema = fields({
  /** Input spike trains (channels). */
  inputs: count(),
  /** Leaky integrate-and-fire neurons in the liquid. */
  units: count(),
  /** Readout cells: one per class. */
  outputs: count(),
  /** Share of the ordered pairs of distinct neurons joined by a synapse. */
  density: fraction(),
  /** Share of the (input channel, neuron) pairs joined by a synapse. */
  inputDensity: fraction(),
  /** Share of the neurons that are inhibitory. */
  inhibitory: fraction(),
  /** Mean excitatory synapse strength, in units of the firing threshold. */
  weight: positive(),
  /** Mean input synapse strength, in units of the firing threshold. */
  inputWeight: positive(),
  /** Share of the membrane potential kept per step (e^(−Δt/τ)). */
  leak: fraction(),
  /** Steps a neuron stays silent after it fires. */
  refractory: count(),
  seed: seed(),
  /** Sequence length used for the forward-pass shape check. */
  steps: count(),
});
export type LiquidStateConfig = ConfigOf<typeof configSchema>;

/** The firing threshold; potentials and synapse strengths are measured in units of it. */
export const THRESHOLD = 1;

/**
 * Input spike trains drive a liquid of leaky integrate-and-fire neurons through fixed random
 * synapses; the liquid's own synapses are sparse, random, signed (excitatory or inhibitory) and
 * fixed. A Dense readout reads the liquid's spikes at every step; it is the only part ever fitted.
 */
function build(config: LiquidStateConfig): tf.LayersModel {
  const input = tf.input({ shape: [null, config.inputs], name: 'input' });
  const liquidLayer = spikingLiquid({ units: config.units, leak: config.leak, threshold: THRESHOLD, refractory: config.refractory, name: 'liquid' });
  const readoutLayer = tf.layers.dense({ units: config.outputs, name: 'readout' });
  const spikes = liquidLayer.apply(input) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: readoutLayer.apply(spikes) as tf.SymbolicTensor, name: 'liquid-state-machine' });
  const synapses = liquidSynapses(config);
  tf.tidy(() =>
    liquidLayer.setWeights([
      tf.tensor2d(Float32Array.from(synapses.input), [config.inputs, config.units]),
      tf.tensor2d(Float32Array.from(synapses.recurrent), [config.units, config.units]),
    ]),
  );
  return model;
}

/** Samples per call of the liquid: frequent enough progress, little per-call overhead. */
const DRIVE_BATCH = 32;

/**
 * Runs the liquid over spike trains of equal length and returns its spikes, [samples × steps ×
 * units], each sample starting at rest. The model's own liquid layer runs a batch of samples at a
 * time; reports phase `drive`: samples done.
 */
export function liquidSpikes(model: tf.LayersModel, inputs: SpikeTrains, options: { onProgress?: OnProgress } = {}): tf.Tensor3D {
  const liquid = model.getLayer('liquid');
  const steps = inputs[0]?.length ?? 0;
  if (steps === 0 || inputs.some((s) => s.length !== steps)) throw new Error(`liquidSpikes: expected spike trains of one positive length, got lengths ${inputs.map((s) => s.length).join(', ')}`);
  const parts: tf.Tensor3D[] = [];
  try {
    for (let start = 0; start < inputs.length; start += DRIVE_BATCH) {
      const batch = inputs.slice(start, start + DRIVE_BATCH);
      parts.push(tf.tidy(() => liquid.apply(tf.tensor3d(batch)) as tf.Tensor3D));
      options.onProgress?.({ phase: 'drive', done: start + batch.length, total: inputs.length });
    }
    return tf.concat(parts, 0);
  } finally {
    tf.dispose(parts);
  }
}

/** What the readout is fitted on: each neuron's firing rate over the trial (its mean spike per step), [samples × units]. */
export function firingRates(spikes: tf.Tensor3D): tf.Tensor2D {
  return tf.tidy(() => tf.mean(spikes, 1) as tf.Tensor2D);
}

/**
 * Liquid-state training: run the fixed liquid over the training samples, then fit the readout by
 * ridge regression from each sample's firing rates to its class, one-hot. One linear solve; no
 * gradients, and the liquid's synapses are never touched. Returns the share of training samples the
 * fitted readout gets right. Reports phases `drive` and `solve`.
 */
export function fitReadout(model: tf.LayersModel, inputs: SpikeTrains, labels: readonly number[], options: { ridge: number; onProgress?: OnProgress }): { trainAccuracy: number } {
  if (inputs.length !== labels.length) throw new Error(`fitReadout: ${inputs.length} samples but ${labels.length} labels`);
  const readout = model.getLayer('readout');
  const classes = (readout.outputShape as number[]).at(-1)!;
  const rates = tf.tidy(() => firingRates(liquidSpikes(model, inputs, { onProgress: options.onProgress })));
  const targets = tf.tidy(() => tf.oneHot(tf.tensor1d(labels as number[], 'int32'), classes).toFloat() as tf.Tensor2D);
  try {
    setDenseWeights(readout, fitRidge(rates, targets, options.ridge, options.onProgress));
    const scores = tf.tidy(() => (readout.apply(rates) as tf.Tensor2D).arraySync());
    return { trainAccuracy: accuracy(scores, labels) };
  } finally {
    tf.dispose([rates, targets]);
  }
}

/**
 * The readout's answer for each sample: its output averaged over the trial, [samples × classes].
 * The readout is linear, so this average is the readout applied to the firing rates it was fitted
 * on. Reports phase `drive`.
 */
export function readoutScores(model: tf.LayersModel, inputs: SpikeTrains, options: { onProgress?: OnProgress } = {}): number[][] {
  return tf.tidy(() => (tf.mean(model.getLayer('readout').apply(liquidSpikes(model, inputs, options)) as tf.Tensor3D, 1) as tf.Tensor2D).arraySync());
}

/** Index of the largest score in each row: the class the readout picks. */
export const predictedClasses = (scores: readonly (readonly number[])[]): number[] => scores.map((row) => row.indexOf(Math.max(...row)));

/** Share of samples whose largest score is their label. */
export function accuracy(scores: readonly (readonly number[])[], labels: readonly number[]): number {
  const predicted = predictedClasses(scores);
  return predicted.filter((c, n) => c === labels[n]).length / labels.length;
}

/** A spike-pattern classification task (src/network/datasets/spike-patterns.ts) and how the readout is fitted to it. */
export interface SpikeTask {
  /** Spikes per input channel in every template. */
  readonly spikes: number;
  /** Standard deviation, in steps, of the Gaussian shift of every spike of a sample. */
  readonly jitter: number;
  /** Training samples per class. */
  readonly train: number;
  /** Held-out samples per class. */
  readonly test: number;
  /** Relative ridge penalty of the readout fit. */
  readonly ridge: number;
  /** Seed of the templates and the jitter. */
  readonly seed: number;
}

/** The task the demo runs by default and the behaviour test measures: three templates, 30 training and 20 held-out samples of each. */
export const SPIKE_TASK: SpikeTask = { spikes: 4, jitter: 3, train: 30, test: 20, ridge: 1, seed: 1 };

export interface SpikeClassification {
  readonly trainAccuracy: number;
  /** Share of held-out samples the readout classifies correctly. */
  readonly heldOutAccuracy: number;
  /**
   * The same linear readout fitted on the input channels' own spike rates, with no liquid: the
   * templates have equal spike counts, so this stays near chance (1 / classes).
   */
  readonly inputOnlyAccuracy: number;
  /** Held-out spike trains, their labels and the readout's scores for them. */
  readonly heldOut: { readonly inputs: SpikeTrains; readonly labels: readonly number[]; readonly scores: readonly (readonly number[])[] };
}

/** A spike task's samples for a liquid built from `config`: the training ones first, then the held-out ones, each with its class. */
export function spikeTaskSamples(config: LiquidStateConfig, task: SpikeTask): Record<'train' | 'heldOut', { readonly inputs: SpikeTrains; readonly labels: readonly number[] }> {
  const data = spikePatterns({ classes: config.outputs, channels: config.inputs, steps: config.steps, spikes: task.spikes, jitter: task.jitter, perClass: task.train + task.test, seed: task.seed });
  const split = task.train * config.outputs;
  return {
    train: { inputs: data.inputs.slice(0, split), labels: data.labels.slice(0, split) },
    heldOut: { inputs: data.inputs.slice(split), labels: data.labels.slice(split) },
  };
}

/**
 * Classifies jittered spike patterns with a liquid state machine built from `config` (one class per
 * readout cell, one template channel per input): fit the readout on the training samples, then
 * score the held-out ones; and, for comparison, fit the same kind of readout on the inputs alone.
 * Reports steps `fit` (phases `drive`, `solve`) and `test` (phase `drive`); `onFitted` hears the
 * training accuracy and the held-out samples as soon as the readout is fitted.
 */
export function classifySpikePatterns(
  model: tf.LayersModel,
  config: LiquidStateConfig,
  task: SpikeTask,
  options: { onProgress?: (step: 'fit' | 'test') => OnProgress; onFitted?: (trainAccuracy: number, heldOut: SpikeTrains) => void } = {},
): SpikeClassification {
  const { train, heldOut } = spikeTaskSamples(config, task);
  const { trainAccuracy } = fitReadout(model, train.inputs, train.labels, { ridge: task.ridge, onProgress: options.onProgress?.('fit') });
  options.onFitted?.(trainAccuracy, heldOut.inputs);
  const scores = readoutScores(model, heldOut.inputs, { onProgress: options.onProgress?.('test') });
  return {
    trainAccuracy,
    heldOutAccuracy: accuracy(scores, heldOut.labels),
    inputOnlyAccuracy: inputOnlyAccuracy(train.inputs, train.labels, heldOut.inputs, heldOut.labels, config.outputs, task.ridge),
    heldOut: { ...heldOut, scores },
  };
}

/** Held-out accuracy of a ridge readout fitted on each input channel's spike rate: what the inputs alone offer a linear readout. */
function inputOnlyAccuracy(trainInputs: SpikeTrains, trainLabels: readonly number[], testInputs: SpikeTrains, testLabels: readonly number[], classes: number, ridge: number): number {
  const [train, test, targets] = tf.tidy(() => [
    tf.mean(tf.tensor3d(trainInputs), 1) as tf.Tensor2D,
    tf.mean(tf.tensor3d(testInputs), 1) as tf.Tensor2D,
    tf.oneHot(tf.tensor1d(trainLabels as number[], 'int32'), classes).toFloat() as tf.Tensor2D,
  ]);
  try {
    const { kernel, bias } = fitRidge(train, targets, ridge);
    const channels = train.shape[1];
    const scores = tf.tidy(() => tf.add(tf.matMul(test, tf.tensor2d(Float32Array.from(kernel), [channels, classes])), tf.tensor1d(Float32Array.from(bias))).arraySync() as number[][]);
    return accuracy(scores, testLabels);
  } finally {
    tf.dispose([train, test, targets]);
  }
}

export default defineArchitecture<LiquidStateConfig>({
  id: 'liquid-state-machine',
  name: 'Liquid state machine',
  abbreviation: 'LSM',
  year: 2002,
  paper: {
    authors: ['Wolfgang Maass', 'Thomas Natschläger', 'Henry Markram'],
    title: 'Real-time computing without stable states: a new framework for neural computation based on perturbations',
    venue: 'Neural Computation 14(11), 2531–2560',
    year: 2002,
    url: 'https://doi.org/10.1162/089976602760407955',
  },
  training: {
    method: 'ridge regression on the readout',
    summary: 'The spiking liquid’s input and recurrent synapses are random and stay fixed; only the linear readout is fitted, by one regularised least-squares solve on the liquid’s firing rates.',
  },
  summary: 'A pool of randomly and sparsely connected spiking neurons turns input spike trains into a rich, fading response; a linear readout learns to read answers out of it.',
  family: 'reservoir',
  views: ['cells', 'unrolled'],
  configSchema,
  configs: {
    diagram: { inputs: 2, units: 6, outputs: 2, density: 0.3, inputDensity: 0.5, inhibitory: 0.2, weight: 0.3, inputWeight: 0.6, leak: 0.95, refractory: 2, seed: 3, steps: 5 },
    demo: { inputs: 4, units: 100, outputs: 3, density: 0.05, inputDensity: 0.3, inhibitory: 0.2, weight: 0.3, inputWeight: 0.6, leak: 0.95, refractory: 2, seed: 42, steps: 100 },
  },
  build,
  shapes: (c) => ({ input: [c.steps, c.inputs], output: [c.steps, c.outputs] }),
  // Both matrices into the liquid are sparse: their nonzeros are bounded, not counted (no self-synapses: units × (units − 1) pairs).
  size: (c) => [
    { group: 'input', cells: c.inputs, weights: 0, field: 'inputs' },
    { group: 'liquid', cells: c.units, weights: nonzerosBound(c.inputs * c.units, c.inputDensity) + nonzerosBound(c.units * (c.units - 1), c.density), field: 'units' },
    { group: 'readout', cells: c.outputs, weights: c.units * c.outputs, field: 'outputs' },
  ],
});
