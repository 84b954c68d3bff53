import * as tf from '@tensorflow/tfjs';
import { count, fields, seed, type ConfigOf } from '../architecture/config-schema';
import { defineArchitecture } from '../architecture/define';
import { restrictedBoltzmann } from '../network/layers/restricted-boltzmann';

const configSchema = fields({
  visible: count(),
  hidden: count(),
  /** Seed of the starting weights and of the hidden samples the forward pass draws. */
  seed: seed(),
});
export type RbmConfig = ConfigOf<typeof configSchema>;

/**
 * Visible units (the data) joined to hidden units by one matrix W, and nothing else: a
 * RestrictedBoltzmann layer (src/network/layers/restricted-boltzmann.ts). The forward pass draws the
 * hidden units' binary states given the visible ones; generation and training (contrastive
 * divergence, src/network/rbm.ts) also run the other way, through the same W.
 */
function build(config: RbmConfig): tf.LayersModel {
  const visible = tf.input({ shape: [config.visible], name: 'visible' });
  const hidden = restrictedBoltzmann({ units: config.hidden, generation: 'gibbs', seed: config.seed, name: 'hidden' });
  return tf.model({ inputs: visible, outputs: hidden.apply(visible) as tf.SymbolicTensor, name: 'restricted-boltzmann-machine' });
}

export default defineArchitecture<RbmConfig>({
  id: 'restricted-boltzmann-machine',
  name: 'Restricted Boltzmann machine',
  abbreviation: 'RBM',
  year: 2002,
  paper: {
    authors: ['Geoffrey E. Hinton'],
    title: 'Training products of experts by minimizing contrastive divergence',
    venue: 'Neural Computation 14(8), 1771–1800',
    year: 2002,
    url: 'https://doi.org/10.1162/089976602760128018',
  },
  // Smolensky defined the bipartite model (the "harmonium") in 1986; it became widely used once
  // Hinton's contrastive divergence made it cheap to train (the article tells the history).
  credit: {
    kind: 'popularised',
    earlier: [
      {
        contributed: 'the harmonium: binary visible and hidden units, weights only between the two groups',
        paper: {
          authors: ['Paul Smolensky'],
          title: 'Information processing in dynamical systems: foundations of harmony theory',
          venue: 'In D. E. Rumelhart, J. L. McClelland and the PDP Research Group, Parallel Distributed Processing, Vol. 1, MIT Press, 194–281',
          year: 1986,
          url: 'https://stanford.edu/~jlmcc/papers/PDP/Volume%201/Chap6_PDP86.pdf',
        },
      },
    ],
  },
  training: {
    method: 'contrastive divergence (CD-k)',
    summary: 'Every weight and bias is trained: each step raises the correlations seen with data clamped on the visible units and lowers those seen after k steps of Gibbs sampling.',
  },
  summary: 'Stochastic binary visible and hidden units joined by symmetric weights, with no connection inside either group, trained to give the data high probability.',
  family: 'energy-based',
  views: ['cells'],
  configSchema,
  configs: {
    diagram: { visible: 4, hidden: 3, seed: 3 },
    // 4 × 4 bars and stripes: 16 visible units.
    demo: { visible: 16, hidden: 16, seed: 1 },
  },
  build,
  shapes: (c) => ({ input: [c.visible], output: [c.hidden] }),
  size: (c) => [
    { group: 'visible', cells: c.visible, weights: 0, field: 'visible' },
    { group: 'hidden', cells: c.hidden, weights: c.visible * c.hidden, field: 'hidden' },
  ],
});
