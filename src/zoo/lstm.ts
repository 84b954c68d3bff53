import * as tf from '@tensorflow/tfjs';
import { defineArchitecture } from '../architecture/define';
import { gatedLayer, openGateBias, sequenceModel, sequenceModelSchema, type SequenceModelConfig } from '../network/sequence-model';

const configSchema = sequenceModelSchema;
export type LstmConfig = SequenceModelConfig;

/**
 * One LSTM layer of memory cells read by a Dense layer at every step. Every unit sees the input at
 * step t and every unit's output h at t−1, through four gate weights per pair (input i, forget f,
 * candidate c̃, output o). tfjs's LSTM has the forget gate of Gers et al. (2000); its bias starts at
 * 1 (f ≈ 0.73, the second of the bias blocks i, f, c̃, o), so a fresh cell leans towards keeping its
 * state until it learns when to forget.
 */
function build(config: LstmConfig): tf.LayersModel {
  const memory = gatedLayer('lstm', config, 'memory');
  const model = sequenceModel(config, memory, 'lstm');
  openGateBias(memory, 4, 1, config.units);
  return model;
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
