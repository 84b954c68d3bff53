import * as tf from '@tensorflow/tfjs';
import * as z from 'zod/mini';
import { count, counts, fields, seed, type ConfigOf } from '../architecture/config-schema';
import { defineArchitecture } from '../architecture/define';
import { restrictedBoltzmann } from '../network/layers/restricted-boltzmann';

const configSchema = fields({
  visible: count(),
  /** Units per hidden layer, bottom first; at least two (one is an RBM). */
  hidden: counts().check(z.minLength(2, { error: 'expected at least two hidden layers (one is an RBM)' })),
  /** Seed of the starting weights and of the hidden samples the forward pass draws (layer n: seed + n − 1). */
  seed: seed(),
});
export type DbnConfig = ConfigOf<typeof configSchema>;

const layerName = (n: number): string => `hidden-${n}`;

/**
 * A stack of RestrictedBoltzmann layers (src/network/layers/restricted-boltzmann.ts), each reading
 * the binary states of the one below. The top layer and the layer under it form an RBM (`gibbs`);
 * every lower layer is `top-down`: generation passes down through it once, through its weights
 * transposed. The forward pass is recognition: it draws each layer's states given the one below.
 * Training is greedy, layer by layer (src/network/rbm.ts, trainGreedy).
 */
function build(config: DbnConfig): tf.LayersModel {
  const visible = tf.input({ shape: [config.visible], name: 'visible' });
  let x = visible;
  config.hidden.forEach((units, i) => {
    const top = i === config.hidden.length - 1;
    x = restrictedBoltzmann({ units, generation: top ? 'gibbs' : 'top-down', seed: config.seed + i, name: layerName(i + 1) }).apply(x) as tf.SymbolicTensor;
  });
  return tf.model({ inputs: visible, outputs: x, name: 'deep-belief-network' });
}

export default defineArchitecture<DbnConfig>({
  id: 'deep-belief-network',
  name: 'Deep belief network',
  abbreviation: 'DBN',
  year: 2006,
  paper: {
    authors: ['Geoffrey E. Hinton', 'Simon Osindero', 'Yee-Whye Teh'],
    title: 'A fast learning algorithm for deep belief nets',
    venue: 'Neural Computation 18(7), 1527–1554',
    year: 2006,
    url: 'https://doi.org/10.1162/neco.2006.18.7.1527',
  },
  training: {
    method: 'greedy layer-wise contrastive divergence',
    summary: 'One RBM at a time, bottom first, each trained by CD-k on the hidden activities the trained layers below produce from the data; a trained layer is not changed again.',
  },
  summary: 'Restricted Boltzmann machines stacked and trained one at a time: the top two layers form an undirected RBM, the lower ones generate top-down through tied weights.',
  family: 'energy-based',
  views: ['cells'],
  configSchema,
  configs: {
    diagram: { visible: 4, hidden: [3, 4], seed: 3 },
    // 4 × 4 bars and stripes; the top layer as wide as the data, so it can start from the first layer's weights transposed.
    demo: { visible: 16, hidden: [10, 16], seed: 1 },
  },
  build,
  shapes: (c) => ({ input: [c.visible], output: [c.hidden.at(-1)!] }),
  size: (c) => {
    const widths = [c.visible, ...c.hidden];
    return [
      { group: 'visible', cells: c.visible, weights: 0, field: 'visible' },
      ...c.hidden.map((units, i) => ({ group: layerName(i + 1), cells: units, weights: widths[i]! * units, field: `hidden[${i}]` })),
    ];
  },
});
