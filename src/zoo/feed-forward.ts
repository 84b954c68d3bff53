import * as tf from '@tensorflow/tfjs';
import { count, counts, fields, seed, type ConfigOf } from '../architecture/config-schema';
import { defineArchitecture } from '../architecture/define';
import { trainWithAdam } from '../network/training/backprop';

const configSchema = fields({
  inputs: count(),
  /** Units per hidden layer, input side first. */
  hidden: counts(),
  outputs: count(),
  seed: seed(),
});
export type FeedForwardConfig = ConfigOf<typeof configSchema>;

/** Fully connected layers, each feeding only the next: the multilayer perceptron. */
function build(config: FeedForwardConfig): tf.LayersModel {
  const input = tf.input({ shape: [config.inputs], name: 'input' });
  let x = input;
  config.hidden.forEach((units, i) => {
    const layer = tf.layers.dense({
      units,
      activation: 'tanh',
      name: config.hidden.length === 1 ? 'hidden' : `hidden-${i + 1}`,
      kernelInitializer: tf.initializers.glorotUniform({ seed: config.seed + i }),
    });
    x = layer.apply(x) as tf.SymbolicTensor;
  });
  const output = tf.layers.dense({
    units: config.outputs,
    activation: 'sigmoid',
    name: 'output',
    kernelInitializer: tf.initializers.glorotUniform({ seed: config.seed + config.hidden.length }),
  });
  return tf.model({ inputs: input, outputs: output.apply(x) as tf.SymbolicTensor, name: 'feed-forward' });
}

/** Backpropagation with Adam on binary cross-entropy; returns the final loss. */
export async function trainBackprop(
  model: tf.LayersModel,
  inputs: readonly (readonly number[])[],
  targets: readonly (readonly number[])[],
  options: { epochs: number; learningRate: number },
): Promise<number> {
  const loss = 'binaryCrossentropy';
  return trainWithAdam(model, tf.tensor2d(inputs as number[][]), tf.tensor2d(targets as number[][]), { ...options, loss });
}

export default defineArchitecture<FeedForwardConfig>({
  id: 'feed-forward',
  name: 'Feed-forward network',
  abbreviation: 'FF',
  year: 1986,
  paper: {
    authors: ['David E. Rumelhart', 'Geoffrey E. Hinton', 'Ronald J. Williams'],
    title: 'Learning representations by back-propagating errors',
    venue: 'Nature 323, 533–536',
    year: 1986,
    url: 'https://doi.org/10.1038/323533a0',
  },
  // Multilayer perceptrons and backpropagation are both older than this paper; it is the one that
  // made training every layer by backpropagation widely known (the article tells the history).
  credit: {
    kind: 'popularised',
    earlier: [
      {
        contributed: 'gradient-descent training of a layered adaptive classifier',
        paper: {
          authors: ['Shun-ichi Amari'],
          title: 'A theory of adaptive pattern classifiers',
          venue: 'IEEE Transactions on Electronic Computers EC-16(3), 299–307',
          year: 1967,
          url: 'https://doi.org/10.1109/PGEC.1967.264666',
        },
      },
      {
        contributed: 'backpropagation applied to neural networks',
        paper: {
          authors: ['Paul J. Werbos'],
          title: 'Applications of advances in nonlinear sensitivity analysis',
          venue: 'In R. F. Drenick and F. Kozin (eds.), System Modeling and Optimization, Lecture Notes in Control and Information Sciences 38, Springer, 762–770',
          year: 1982,
          url: 'https://doi.org/10.1007/BFb0006203',
        },
      },
    ],
  },
  training: {
    method: 'backpropagation',
    summary: 'Every weight is trained: the output error is propagated backwards through the layers and each weight moves down its gradient.',
  },
  summary: 'Layers of cells, each fully connected to the next, trained end to end by backpropagation.',
  family: 'feed-forward',
  views: ['cells'],
  configSchema,
  configs: { diagram: { inputs: 2, hidden: [4], outputs: 1, seed: 5 } },
  build,
  shapes: (c) => ({ input: [c.inputs], output: [c.outputs] }),
  size: (c) => {
    const widths = [c.inputs, ...c.hidden];
    return [
      { group: 'input', cells: c.inputs, weights: 0, field: 'inputs' },
      ...c.hidden.map((units, i) => ({ group: c.hidden.length === 1 ? 'hidden' : `hidden-${i + 1}`, cells: units, weights: widths[i]! * units, field: `hidden[${i}]` })),
      { group: 'output', cells: c.outputs, weights: widths.at(-1)! * c.outputs, field: 'outputs' },
    ];
  },
});
