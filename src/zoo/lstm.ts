import * as tf from '@tensorflow/tfjs';
import { count, fields, seed, type ConfigOf } from '../architecture/config-schema';
import { defineArchitecture } from '../architecture/define';

const configSchema = fields({
  inputs: count(),
  /** LSTM units: memory cells, each with its own cell state c and four gates. */
  units: count(),
  outputs: count(),
  seed: seed(),
  /** Sequence length used for the forward-pass shape check. */
  steps: count(),
});
export type LstmConfig = ConfigOf<typeof configSchema>;

/**
 * One LSTM layer read by a Dense layer at every step. Every unit sees the input at step t and every
 * unit's output h at t−1, through four gate weights per pair (input i, forget f, candidate c̃,
 * output o). tfjs's LSTM has the forget gate of Gers et al. (2000); its bias starts at 1
 * (f ≈ 0.73), so a fresh cell leans towards keeping its state until it learns when to forget.
 */
function build(config: LstmConfig): tf.LayersModel {
  const input = tf.input({ shape: [null, config.inputs], name: 'input' });
  const memory = tf.layers.lstm({
    units: config.units,
    returnSequences: true,
    // σ is the logistic sigmoid, as in the papers and the articles' equations (tfjs defaults to a hard sigmoid).
    recurrentActivation: 'sigmoid',
    name: 'memory',
    kernelInitializer: tf.initializers.glorotUniform({ seed: config.seed }),
    recurrentInitializer: tf.initializers.orthogonal({ seed: config.seed + 1 }),
  });
  const output = tf.layers.dense({ units: config.outputs, name: 'output', kernelInitializer: tf.initializers.glorotUniform({ seed: config.seed + 2 }) });
  const model = tf.model({ inputs: input, outputs: output.apply(memory.apply(input)) as tf.SymbolicTensor, name: 'lstm' });
  startForgetGateOpen(memory, config.units);
  return model;
}

/**
 * Sets the forget gate's bias (the second of tfjs's four bias blocks i, f, c̃, o) to 1, the others to
 * 0. This is what tfjs's `unitForgetBias` does, set by hand because that option's initializer
 * leaves four tensors undisposed at every build (tfjs-layers 4.x), which a demo run must not.
 */
function startForgetGateOpen(memory: tf.layers.Layer, units: number): void {
  const [kernel, recurrentKernel] = memory.getWeights();
  const bias = tf.tidy(() => tf.concat([tf.zeros([units]), tf.ones([units]), tf.zeros([2 * units])]));
  memory.setWeights([kernel!, recurrentKernel!, bias]);
  bias.dispose();
}

export default defineArchitecture<LstmConfig>({
  id: 'lstm',
  name: 'Long short-term memory',
  abbreviation: 'LSTM',
  year: 1997,
  paper: {
    authors: ['Sepp Hochreiter', 'Jürgen Schmidhuber'],
    title: 'Long Short-Term Memory',
    venue: 'Neural Computation 9(8), 1735–1780',
    year: 1997,
    url: 'https://doi.org/10.1162/neco.1997.9.8.1735',
  },
  training: {
    method: 'backpropagation through time',
    summary: 'Every gate weight is trained by unrolling the network over the sequence; the additive cell state lets the error reach far back without fading.',
  },
  summary: 'A recurrent network whose cells keep a separate memory, written, kept and read through learned gates, so it can hold information over long delays.',
  family: 'recurrent',
  views: ['cells', 'unrolled', 'internals'],
  configSchema,
  configs: {
    diagram: { inputs: 2, units: 3, outputs: 2, seed: 11, steps: 4 },
    demo: { inputs: 3, units: 8, outputs: 1, seed: 5, steps: 9 },
  },
  build,
  shapes: (c) => ({ input: [c.steps, c.inputs], output: [c.steps, c.outputs] }),
});
