import { defineArchitecture } from '../architecture/define';
import { bidirectionalDefinitionParts, type BidirectionalConfig } from '../network/bidirectional';

/** Two Elman chains over the same sequence, one from each end; the build is shared with bidirectional-lstm and -gru. */
export default defineArchitecture<BidirectionalConfig>({
  ...bidirectionalDefinitionParts('simpleRNN', 'bidirectional-rnn'),
  id: 'bidirectional-rnn',
  name: 'Bidirectional recurrent neural network',
  abbreviation: 'BiRNN',
  year: 1997,
  paper: {
    authors: ['Mike Schuster', 'Kuldip K. Paliwal'],
    title: 'Bidirectional recurrent neural networks',
    venue: 'IEEE Transactions on Signal Processing 45(11), 2673–2681',
    year: 1997,
    url: 'https://doi.org/10.1109/78.650093',
  },
  summary: 'Two recurrent chains read the same sequence, one from the start and one from the end, so the output at every step sees the past and the future.',
  configs: {
    diagram: { inputs: 2, units: 3, outputs: 2, seed: 9, steps: 4 },
    demo: { inputs: 1, units: 6, outputs: 1, seed: 3, steps: 8 },
  },
});
