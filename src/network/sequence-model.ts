import * as tf from '@tensorflow/tfjs';
import { count, fields, seed, type ConfigOf } from '../architecture/config-schema';

/**
 * The config of every one-layer sequence model in the zoo (plain, gated, minimal gated): what goes
 * in per step, how many recurrent units, what comes out per step, the seed of its initial weights,
 * and the sequence length its forward-pass check uses.
 */
export const sequenceModelSchema = fields({
  inputs: count(),
  units: count(),
  outputs: count(),
  seed: seed(),
  /** Sequence length used for the forward-pass shape check. */
  steps: count(),
});
export type SequenceModelConfig = ConfigOf<typeof sequenceModelSchema>;

/** tfjs's gated recurrent layers, with σ gates and the zoo's seeded initial weights. */
export function gatedLayer(cell: 'lstm' | 'gru', config: SequenceModelConfig, name: string): tf.layers.Layer {
  const options = {
    units: config.units,
    returnSequences: true,
    // σ is the logistic sigmoid, as in the papers and the articles' equations (tfjs defaults to a hard sigmoid).
    recurrentActivation: 'sigmoid',
    name,
    kernelInitializer: tf.initializers.glorotUniform({ seed: config.seed }),
    recurrentInitializer: tf.initializers.orthogonal({ seed: config.seed + 1 }),
  } as const;
  return cell === 'lstm' ? tf.layers.lstm(options) : tf.layers.gru(options);
}

/**
 * Input sequence → `recurrent` (every step's state) → a Dense `output` layer read at every step. The
 * readout's activation is the model's own (linear for regression, sigmoid for bits).
 */
export function sequenceModel(
  config: SequenceModelConfig,
  recurrent: tf.layers.Layer,
  name: string,
  activation: 'linear' | 'sigmoid' = 'linear',
): tf.LayersModel {
  const input = tf.input({ shape: [null, config.inputs], name: 'input' });
  const output = tf.layers.dense({ units: config.outputs, activation, name: 'output', kernelInitializer: tf.initializers.glorotUniform({ seed: config.seed + 2 }) });
  return tf.model({ inputs: input, outputs: output.apply(recurrent.apply(input)) as tf.SymbolicTensor, name });
}

/**
 * Sets one gate's bias block to `value` (1 unless given) and the rest to 0, in a layer whose bias
 * holds `gates` blocks of `units` side by side. With 1 on a keeping gate (an LSTM's forget gate, a
 * GRU's update gate) a fresh cell leans towards keeping its state (σ(1) ≈ 0.73). This is what
 * tfjs's `unitForgetBias` does for an LSTM, set by hand because that option's initializer leaves four
 * tensors undisposed at every build (tfjs-layers 4.x), which a demo run must not.
 */
export function openGateBias(layer: tf.layers.Layer, gates: number, open: number, units: number, value = 1): void {
  const [kernel, recurrentKernel] = layer.getWeights();
  const bias = tf.tidy(() => tf.concat(Array.from({ length: gates }, (_, g) => (g === open ? tf.fill([units], value) : tf.zeros([units])))));
  layer.setWeights([kernel!, recurrentKernel!, bias]);
  bias.dispose();
}
