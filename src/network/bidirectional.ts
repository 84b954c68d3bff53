import * as tf from '@tensorflow/tfjs';
import { count, fields, seed, type ConfigOf } from '../architecture/config-schema';
import type { SequenceSet } from './datasets/neighbour-fill';

/** The recurrent cells a bidirectional network can be built from, by the tfjs layer that runs them. */
export const CELL_KINDS = ['simpleRNN', 'lstm', 'gru'] as const;
export type CellKind = (typeof CELL_KINDS)[number];

/** Short names for the wrapped layer, so the chains are called `forward_rnn`, `backward_lstm`, …. */
const LAYER_NAME: Readonly<Record<CellKind, string>> = { simpleRNN: 'rnn', lstm: 'lstm', gru: 'gru' };

export interface SequenceNetworkConfig {
  readonly inputs: number;
  /** Cells in each chain (a bidirectional network has two chains, so twice as many recurrent cells). */
  readonly units: number;
  readonly outputs: number;
  readonly seed: number;
}

/** One recurrent layer of the given kind, returning its state at every step; seeded weights. */
function recurrentLayer(kind: CellKind, config: SequenceNetworkConfig, name: string): tf.RNN {
  const options = {
    units: config.units,
    returnSequences: true,
    name,
    kernelInitializer: tf.initializers.glorotUniform({ seed: config.seed }),
    recurrentInitializer: tf.initializers.orthogonal({ seed: config.seed + 1 }),
  };
  // σ is the logistic sigmoid, as in the papers and in the lstm and gru definitions (tfjs defaults to a hard sigmoid).
  if (kind === 'lstm') return tf.layers.lstm({ ...options, recurrentActivation: 'sigmoid' });
  if (kind === 'gru') return tf.layers.gru({ ...options, recurrentActivation: 'sigmoid' });
  return tf.layers.simpleRNN({ ...options, activation: 'tanh' });
}

/**
 * A sequence-to-sequence network that reads each step with context from both sides (Schuster &
 * Paliwal 1997): one chain of `kind` cells runs from the first step to the last, a copy with its own
 * weights runs from the last to the first, and a Dense layer reads both chains' states at every step
 * (tfjs's Bidirectional wrapper, mergeMode "concat": forward cells, then backward cells). With
 * `bidirectional: false` the same network with a forward chain only, of the same total number of
 * cells: the comparison that shows what the backward chain adds.
 */
export function buildSequenceNetwork(kind: CellKind, config: SequenceNetworkConfig, options: { bidirectional: boolean; name: string }): tf.LayersModel {
  const input = tf.input({ shape: [null, config.inputs], name: 'input' });
  const states = options.bidirectional
    ? tf.layers.bidirectional({ layer: recurrentLayer(kind, config, LAYER_NAME[kind]), mergeMode: 'concat', name: 'bidirectional' }).apply(input)
    : recurrentLayer(kind, { ...config, units: 2 * config.units }, LAYER_NAME[kind]).apply(input);
  const output = tf.layers.dense({
    units: config.outputs,
    name: 'output',
    kernelInitializer: tf.initializers.glorotUniform({ seed: config.seed + 2 }),
  });
  return tf.model({ inputs: input, outputs: output.apply(states) as tf.SymbolicTensor, name: options.name });
}

/**
 * What a definition of a bidirectional network shares with the other two: the config's fields, the
 * build, the shapes and the training. A definition file adds its facts (name, paper) and its configs.
 */
export const bidirectionalConfigSchema = fields({
  inputs: count(),
  /** Cells in each of the two chains. */
  units: count(),
  outputs: count(),
  seed: seed(),
  /** Sequence length used for the forward-pass shape check. */
  steps: count(),
});
export type BidirectionalConfig = ConfigOf<typeof bidirectionalConfigSchema>;

export function bidirectionalDefinitionParts(kind: CellKind, id: string) {
  return {
    family: 'recurrent' as const,
    views: ['cells', 'unrolled'] as const,
    configSchema: bidirectionalConfigSchema,
    training: {
      method: 'backpropagation through time, in both directions',
      summary:
        'Every weight is trained: the error at each step flows back through the forward chain towards the start of the sequence and through the backward chain towards its end.',
    },
    build: (config: BidirectionalConfig) => buildSequenceNetwork(kind, config, { bidirectional: true, name: id }),
    shapes: (c: BidirectionalConfig) => ({ input: [c.steps, c.inputs], output: [c.steps, c.outputs] }),
  };
}

/**
 * Full-batch Adam on mean squared error over whole sequences (backpropagation through time); the
 * tensors it makes (data, optimizer state) are disposed. Returns the loss after each epoch.
 */
export async function trainOnSequences(
  model: tf.LayersModel,
  set: SequenceSet,
  options: { epochs: number; learningRate: number; onEpoch?: (epoch: number, loss: number) => void | Promise<void> },
): Promise<number[]> {
  const [xs, ys] = [tf.tensor3d(set.inputs as number[][][]), tf.tensor3d(set.targets as number[][][])];
  const optimizer = tf.train.adam(options.learningRate);
  model.compile({ optimizer, loss: 'meanSquaredError' });
  const losses: number[] = [];
  try {
    await model.fit(xs, ys, {
      epochs: options.epochs,
      batchSize: set.inputs.length,
      shuffle: false,
      verbose: 0,
      callbacks: {
        onEpochEnd: async (epoch, logs) => {
          losses.push(logs!.loss as number);
          await options.onEpoch?.(epoch, logs!.loss as number);
        },
      },
    });
    return losses;
  } finally {
    // The model does not own an optimizer it was handed: its moment estimates are freed here.
    optimizer.dispose();
    xs.dispose();
    ys.dispose();
  }
}

/** Mean squared error at each step, over the sequences and features of `set`: where in time a network fails. */
export function errorByPosition(model: tf.LayersModel, set: SequenceSet): number[] {
  return tf.tidy(() => {
    const predicted = model.predict(tf.tensor3d(set.inputs as number[][][])) as tf.Tensor;
    return tf.mean(tf.square(tf.sub(predicted, tf.tensor3d(set.targets as number[][][]))), [0, 2]).arraySync() as number[];
  });
}
