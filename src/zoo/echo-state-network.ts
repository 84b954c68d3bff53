import * as tf from '@tensorflow/tfjs';
import { count, fields, fraction, positive, seed, type ConfigOf } from '../architecture/config-schema';
import { defineArchitecture } from '../architecture/define';
import { uniformMatrix } from '../network/numerics/random';
import { reservoirNonzerosBound, sparseReservoir } from '../network/reservoir';
import type { OnProgress } from '../network/training/progress';
import { fitRidge, setDenseWeights } from '../network/training/ridge';

const configSchema = fields({
  inputs: count(),
  units: count(),
  outputs: count(),
  /** Share of the units×units recurrent weights that exist. */
  density: fraction(),
  spectralRadius: positive(),
  inputScale: positive(),
  seed: seed(),
  /** Sequence length used for the forward-pass shape check. */
  steps: count(),
});
export type EchoStateConfig = ConfigOf<typeof configSchema>;

/**
 * The reservoir is a SimpleRNN whose two weight matrices are drawn once and frozen: input weights
 * dense and random, recurrent weights sparse, random and scaled to a spectral radius below one.
 * Only the Dense readout on top is ever fitted.
 */
function build(config: EchoStateConfig): tf.LayersModel {
  const input = tf.input({ shape: [null, config.inputs], name: 'input' });
  const reservoirLayer = tf.layers.simpleRNN({
    units: config.units,
    activation: 'tanh',
    useBias: false,
    returnSequences: true,
    trainable: false,
    name: 'reservoir',
    // Both matrices are overwritten below; zeros skip tfjs's slow orthogonal initialiser.
    kernelInitializer: 'zeros',
    recurrentInitializer: 'zeros',
  });
  const readoutLayer = tf.layers.dense({ units: config.outputs, name: 'readout' });
  const states = reservoirLayer.apply(input) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: readoutLayer.apply(states) as tf.SymbolicTensor, name: 'echo-state-network' });

  const inputWeights = uniformMatrix(config.inputs, config.units, config.inputScale, config.seed);
  const recurrent = sparseReservoir({ units: config.units, density: config.density, spectralRadius: config.spectralRadius, seed: config.seed + 1 });
  tf.tidy(() =>
    reservoirLayer.setWeights([
      tf.tensor2d(Float32Array.from(inputWeights), [config.inputs, config.units]),
      tf.tensor2d(Float32Array.from(recurrent), [config.units, config.units]),
    ]),
  );
  return model;
}

/** Time steps per call of the reservoir layer: frequent enough progress, little per-call overhead. */
const DRIVE_CHUNK = 50;

export interface DriveOptions {
  /**
   * One starting state per sequence (`units` numbers each); all zeros when omitted, as in
   * `model.predict`.
   */
  readonly initialStates?: readonly (readonly number[])[];
  /** Reports phase `drive`: time steps done of the sequence length. */
  readonly onProgress?: OnProgress;
}

/**
 * Drives the frozen reservoir with one or more input sequences of equal length and returns its
 * states, [sequences × steps × units]. The model's own reservoir layer runs chunk by chunk, each
 * chunk starting from the state the previous one ended in, so the states are those of one pass
 * (`upToLayer(model, 'reservoir').predict`) and progress can be reported between chunks.
 */
export function driveReservoir(
  model: tf.LayersModel,
  sequences: readonly (readonly (readonly number[])[])[],
  options: DriveOptions = {},
): tf.Tensor3D {
  const reservoir = model.getLayer('reservoir');
  const units = (reservoir.outputShape as number[]).at(-1)!;
  const steps = sequences[0]?.length ?? 0;
  if (steps === 0 || sequences.some((s) => s.length !== steps)) throw new Error(`driveReservoir: expected sequences of one positive length, got lengths ${sequences.map((s) => s.length).join(', ')}`);
  const { initialStates, onProgress } = options;
  if (initialStates && (initialStates.length !== sequences.length || initialStates.some((s) => s.length !== units)))
    throw new Error(`driveReservoir: expected ${sequences.length} initial states of ${units} units`);
  return tf.tidy(() => {
    const input = tf.tensor3d(sequences as number[][][]);
    let state: tf.Tensor2D = initialStates ? tf.tensor2d(initialStates as number[][]) : tf.zeros([sequences.length, units]);
    const chunks: tf.Tensor3D[] = [];
    for (let start = 0; start < steps; start += DRIVE_CHUNK) {
      const size = Math.min(DRIVE_CHUNK, steps - start);
      const chunk = reservoir.apply(input.slice([0, start, 0], [-1, size, -1]), { initialState: [state] }) as tf.Tensor3D;
      chunks.push(chunk);
      state = chunk.slice([0, size - 1, 0], [-1, 1, -1]).squeeze([1]) as tf.Tensor2D;
      onProgress?.({ phase: 'drive', done: start + size, total: steps });
    }
    return tf.concat(chunks, 1);
  });
}

export interface ReadoutFit {
  /** Normalised root-mean-square error of the fitted readout on the training steps. */
  readonly trainNrmse: number;
}

/**
 * Echo-state training: drive the frozen reservoir with the input sequence, discard the first
 * `washout` states (they still remember the zero initial state), then fit the readout by ridge
 * regression from states to targets. One linear solve; no gradients. Reports phases `drive`
 * (time steps) and `solve` (refinement steps, with the residual).
 */
export function fitReadout(
  model: tf.LayersModel,
  inputs: readonly (readonly number[])[],
  targets: readonly (readonly number[])[],
  options: { washout: number; ridge: number; onProgress?: OnProgress },
): ReadoutFit {
  if (inputs.length !== targets.length) throw new Error(`fitReadout: ${inputs.length} input steps but ${targets.length} target steps`);
  if (!(options.washout >= 0 && options.washout < inputs.length)) throw new Error(`fitReadout: invalid washout: ${options.washout}`);
  const states = tf.tidy(() => driveReservoir(model, [inputs], { onProgress: options.onProgress }).squeeze([0]).slice([options.washout, 0], [-1, -1]) as tf.Tensor2D);
  const kept = tf.tensor2d(targets.slice(options.washout) as number[][]);
  try {
    setDenseWeights(model.getLayer('readout'), fitRidge(states, kept, options.ridge, options.onProgress));
    const prediction = tf.tidy(() => (model.getLayer('readout').apply(states) as tf.Tensor2D).arraySync());
    return { trainNrmse: nrmse(prediction, targets.slice(options.washout)) };
  } finally {
    tf.dispose([states, kept]);
  }
}

/**
 * Runs the whole sequence through reservoir and readout, returning one output row per step (the
 * same numbers as `model.predict`). Reports phase `drive`.
 */
export function predictSequence(model: tf.LayersModel, inputs: readonly (readonly number[])[], options: { onProgress?: OnProgress } = {}): number[][] {
  return tf.tidy(() => (model.getLayer('readout').apply(driveReservoir(model, [inputs], { onProgress: options.onProgress })) as tf.Tensor3D).arraySync()[0]!);
}

/**
 * The echo-state property, measured: two copies of the reservoir, one started from zeros and one
 * from `initialState`, are driven with the same input; returns the Euclidean distance between
 * their states after each step. It fades towards zero when the reservoir forgets where it started,
 * and stays large when it does not. Reports phase `drive`.
 */
export function stateDistance(
  model: tf.LayersModel,
  inputs: readonly (readonly number[])[],
  initialState: readonly number[],
  options: { onProgress?: OnProgress } = {},
): number[] {
  const zeros = initialState.map(() => 0);
  return tf.tidy(() => {
    const states = driveReservoir(model, [inputs, inputs], { initialStates: [zeros, initialState], onProgress: options.onProgress });
    const [a, b] = tf.split(states, 2, 0);
    return Array.from(tf.sub(a!, b!).square().sum(2).sqrt().squeeze([0]).dataSync());
  });
}

/** RMSE divided by the targets' standard deviation: 0 is perfect, 1 is no better than the mean. */
export function nrmse(predicted: readonly (readonly number[])[], target: readonly (readonly number[])[]): number {
  const p = predicted.flat();
  const t = target.flat();
  const mean = t.reduce((s, v) => s + v, 0) / t.length;
  const mse = t.reduce((s, v, i) => s + (v - p[i]!) ** 2, 0) / t.length;
  const variance = t.reduce((s, v) => s + (v - mean) ** 2, 0) / t.length;
  return Math.sqrt(mse / variance);
}

export default defineArchitecture<EchoStateConfig>({
  id: 'echo-state-network',
  name: 'Echo state network',
  abbreviation: 'ESN',
  year: 2001,
  paper: {
    authors: ['Herbert Jaeger'],
    title: 'The “echo state” approach to analysing and training recurrent neural networks',
    venue: 'GMD Report 148, German National Research Center for Information Technology',
    year: 2001,
    url: 'https://www.ai.rug.nl/minds/uploads/EchoStatesTechRep.pdf',
  },
  training: {
    method: 'ridge regression on the readout',
    summary: 'Input and reservoir weights are random and stay fixed; only the readout is fitted, by one regularised least-squares solve over the collected reservoir states.',
  },
  summary: 'A recurrent network whose sparse random reservoir is never trained: a linear readout learns to read the echoes of the input out of its states.',
  family: 'reservoir',
  views: ['cells', 'unrolled'],
  configSchema,
  configs: {
    diagram: { inputs: 1, units: 6, outputs: 1, density: 0.3, spectralRadius: 0.9, inputScale: 1, seed: 7, steps: 5 },
    // Input scale 0.1: weak enough that a spectral radius well above 1 visibly breaks the echo-state property.
    demo: { inputs: 1, units: 100, outputs: 1, density: 0.1, spectralRadius: 0.9, inputScale: 0.1, seed: 42, steps: 400 },
  },
  build,
  shapes: (c) => ({ input: [c.steps, c.inputs], output: [c.steps, c.outputs] }),
  // The recurrent matrix is sparse: its nonzeros are counted (bounded), not its units² entries.
  size: (c) => [
    { group: 'input', cells: c.inputs, weights: 0, field: 'inputs' },
    { group: 'reservoir', cells: c.units, weights: c.inputs * c.units + reservoirNonzerosBound(c.units, c.density), field: 'units' },
    { group: 'readout', cells: c.outputs, weights: c.units * c.outputs, field: 'outputs' },
  ],
});
