import { defineArchitecture } from '../architecture/define';
import { bidirectionalDefinitionParts, type BidirectionalConfig } from '../network/bidirectional';

const schusterPaliwal = {
  authors: ['Mike Schuster', 'Kuldip K. Paliwal'],
  title: 'Bidirectional recurrent neural networks',
  venue: 'IEEE Transactions on Signal Processing 45(11), 2673–2681',
  year: 1997,
  url: 'https://doi.org/10.1109/78.650093',
};
const choEtAl = {
  authors: ['Kyunghyun Cho', 'Bart van Merriënboer', 'Caglar Gulcehre', 'Dzmitry Bahdanau', 'Fethi Bougares', 'Holger Schwenk', 'Yoshua Bengio'],
  title: 'Learning phrase representations using RNN encoder–decoder for statistical machine translation',
  venue: 'EMNLP 2014, 1724–1734',
  year: 2014,
  url: 'https://arxiv.org/abs/1406.1078',
};

/**
 * The bidirectional network of bidirectional-rnn with GRU cells in both chains. No single paper
 * introduced it: the bidirectional scheme is Schuster & Paliwal's (1997), the cell Cho et al.'s
 * (2014). The Facts box says so (`credit: combined`); the article's card cites the cell's paper.
 */
export default defineArchitecture<BidirectionalConfig>({
  ...bidirectionalDefinitionParts('gru', 'bidirectional-gru'),
  id: 'bidirectional-gru',
  name: 'Bidirectional gated recurrent unit',
  abbreviation: 'BiGRU',
  year: 2014,
  paper: choEtAl,
  credit: {
    kind: 'combined',
    sources: [
      { paper: schusterPaliwal, contributed: 'the bidirectional scheme' },
      { paper: choEtAl, contributed: 'the GRU cell' },
    ],
  },
  summary: 'Two GRU chains read the same sequence from opposite ends; there is no one paper for it, only the bidirectional scheme applied to the gated recurrent unit.',
  configs: {
    diagram: { inputs: 2, units: 2, outputs: 2, seed: 9, steps: 4 },
    demo: { inputs: 1, units: 4, outputs: 1, seed: 3, steps: 8 },
  },
});
