import * as tf from '@tensorflow/tfjs';
import { count, fields, fraction, positive, seed, type ConfigOf } from '../architecture/config-schema';
import { defineArchitecture } from '../architecture/define';
import { uniformMatrix } from '../network/numerics/random';
import { upToLayer } from '../network/layer-output';
import { sparseReservoir } from '../network/reservoir';
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

export interface ReadoutFit {
  /** Normalised root-mean-square error of the fitted readout on the training steps. */
  readonly trainNrmse: number;
}

/**
 * Echo-state training: drive the frozen reservoir with the input sequence, discard the first
 * `washout` states (they still remember the zero initial state), then fit the readout by ridge
 * regression from states to targets. One linear solve; no gradients.
 */
export function fitReadout(
  model: tf.LayersModel,
  inputs: readonly (readonly number[])[],
  targets: readonly (readonly number[])[],
  options: { washout: number; ridge: number },
): ReadoutFit {
  if (inputs.length !== targets.length) throw new Error(`fitReadout: ${inputs.length} input steps but ${targets.length} target steps`);
  if (!(options.washout >= 0 && options.washout < inputs.length)) throw new Error(`fitReadout: invalid washout: ${options.washout}`);
  const [x, y] = tf.tidy(() => {
    const states = (upToLayer(model, 'reservoir').predict(tf.tensor3d([inputs as number[][]])) as tf.Tensor3D).squeeze([0]) as tf.Tensor2D;
    const kept = states.slice([options.washout, 0], [-1, -1]);
    return [kept, tf.tensor2d(targets.slice(options.washout) as number[][])] as const;
  });
  setDenseWeights(model.getLayer('readout'), fitRidge(x, y, options.ridge));
  x.dispose();
  y.dispose();
  const prediction = predictSequence(model, inputs).slice(options.washout);
  return { trainNrmse: nrmse(prediction, targets.slice(options.washout)) };
}

/** Runs the whole sequence through reservoir and readout, returning one output row per step. */
export function predictSequence(model: tf.LayersModel, inputs: readonly (readonly number[])[]): number[][] {
  return tf.tidy(() => (model.predict(tf.tensor3d([inputs as number[][]])) as tf.Tensor3D).arraySync()[0]!);
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
  views: ['cells', 'unrolled'],
  configSchema,
  configs: {
    diagram: { inputs: 1, units: 6, outputs: 1, density: 0.3, spectralRadius: 0.9, inputScale: 1, seed: 7, steps: 5 },
    demo: { inputs: 1, units: 100, outputs: 1, density: 0.1, spectralRadius: 0.9, inputScale: 0.5, seed: 42, steps: 400 },
  },
  build,
  shapes: (c) => ({ input: [c.steps, c.inputs], output: [c.steps, c.outputs] }),
});
