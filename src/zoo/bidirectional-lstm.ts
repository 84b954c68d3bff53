import { defineArchitecture } from '../architecture/define';
import { bidirectionalDefinitionParts, type BidirectionalConfig } from '../network/bidirectional';

/** The bidirectional network of bidirectional-rnn with LSTM memory cells in both chains. */
export default defineArchitecture<BidirectionalConfig>({
  ...bidirectionalDefinitionParts('lstm', 'bidirectional-lstm'),
  id: 'bidirectional-lstm',
  name: 'Bidirectional long short-term memory',
  abbreviation: 'BiLSTM',
  year: 2005,
  paper: {
    authors: ['Alex Graves', 'Jürgen Schmidhuber'],
    title: 'Framewise phoneme classification with bidirectional LSTM and other neural network architectures',
    venue: 'Neural Networks 18(5–6), 602–610',
    year: 2005,
    url: 'https://doi.org/10.1016/j.neunet.2005.06.042',
  },
  summary: 'Two LSTM chains read the same sequence from opposite ends, so each step’s output draws on gated memory of both the past and the future.',
  configs: {
    diagram: { inputs: 2, units: 2, outputs: 2, seed: 9, steps: 4 },
    demo: { inputs: 1, units: 4, outputs: 1, seed: 3, steps: 8 },
  },
});
