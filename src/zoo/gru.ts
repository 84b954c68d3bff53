import * as tf from '@tensorflow/tfjs';
import { defineArchitecture } from '../architecture/define';
import { gatedLayer, openGateBias, sequenceModel, sequenceModelSchema, type SequenceModelConfig } from '../network/sequence-model';

const configSchema = sequenceModelSchema;
export type GruConfig = SequenceModelConfig;

/**
 * One GRU layer of gated memory cells read by a Dense layer at every step. Every unit sees the input
 * at step t and every unit's state h at t−1, through three gate weights per pair (update z, reset r,
 * candidate h̃). tfjs's GRU (reset before the matrix product, as in Cho et al.) keeps z ⊙ h_{t−1} and
 * takes (1 − z) ⊙ h̃_t: z near 1 holds the state. The update gate's bias (the first of the blocks
 * z, r, h̃) starts at 1 (z ≈ 0.73), so a fresh cell leans towards keeping its state, as an LSTM's
 * forget gate does; with a bias of 0 half the state would leak away every step and a long delay
 * would leave training almost no gradient to learn from.
 */
function build(config: GruConfig): tf.LayersModel {
  const memory = gatedLayer('gru', config, 'memory');
  const model = sequenceModel(config, memory, 'gru');
  openGateBias(memory, 3, 0, config.units);
  return model;
}

export default defineArchitecture<GruConfig>({
  id: 'gru',
  name: 'Gated recurrent unit',
  abbreviation: 'GRU',
  year: 2014,
  paper: {
    authors: ['Kyunghyun Cho', 'Bart van Merriënboer', 'Caglar Gulcehre', 'Dzmitry Bahdanau', 'Fethi Bougares', 'Holger Schwenk', 'Yoshua Bengio'],
    title: 'Learning Phrase Representations using RNN Encoder–Decoder for Statistical Machine Translation',
    venue: 'EMNLP 2014, 1724–1734',
    year: 2014,
    url: 'https://arxiv.org/abs/1406.1078',
  },
  training: {
    method: 'backpropagation through time',
    summary: 'Every gate weight is trained by unrolling the network over the sequence; where the update gate holds the state, the error passes back through it almost unchanged.',
  },
  summary: 'A leaner gated recurrent network: an update gate mixes the old state with a candidate, a reset gate decides how much of the old state the candidate sees.',
  family: 'recurrent',
  views: ['cells', 'unrolled', 'internals'],
  configSchema,
  configs: {
    diagram: { inputs: 2, units: 3, outputs: 2, seed: 13, steps: 4 },
    demo: { inputs: 3, units: 8, outputs: 1, seed: 5, steps: 9 },
  },
  build,
  shapes: (c) => ({ input: [c.steps, c.inputs], output: [c.steps, c.outputs] }),
});
