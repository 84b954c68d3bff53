import * as tf from '@tensorflow/tfjs';
import { defineArchitecture } from '../architecture/define';
import { sequenceModel, sequenceModelSchema, type SequenceModelConfig } from '../network/sequence-model';
import { trainWithAdam } from '../network/training/backprop';

const configSchema = sequenceModelSchema;
export type RecurrentConfig = SequenceModelConfig;

/**
 * An Elman network: every recurrent unit sees the input at step t and every unit's state at t−1
 * (its full recurrent kernel, self-connections included); a Dense layer reads each step's state.
 */
function build(config: RecurrentConfig): tf.LayersModel {
  const recurrent = tf.layers.simpleRNN({
    units: config.units,
    activation: 'tanh',
    returnSequences: true,
    name: 'recurrent',
    kernelInitializer: tf.initializers.glorotUniform({ seed: config.seed }),
    recurrentInitializer: tf.initializers.orthogonal({ seed: config.seed + 1 }),
  });
  return sequenceModel(config, recurrent, 'recurrent-network');
}

/** Backpropagation through time with Adam on mean squared error; returns the final loss. */
export async function trainThroughTime(
  model: tf.LayersModel,
  inputs: readonly (readonly (readonly number[])[])[],
  targets: readonly (readonly (readonly number[])[])[],
  options: { epochs: number; learningRate: number },
): Promise<number> {
  const loss = 'meanSquaredError';
  return trainWithAdam(model, tf.tensor3d(inputs as number[][][]), tf.tensor3d(targets as number[][][]), { ...options, loss });
}

export default defineArchitecture<RecurrentConfig>({
  id: 'recurrent-network',
  name: 'Recurrent neural network',
  abbreviation: 'RNN',
  year: 1990,
  paper: {
    authors: ['Jeffrey L. Elman'],
    title: 'Finding structure in time',
    venue: 'Cognitive Science 14(2), 179–211',
    year: 1990,
    url: 'https://doi.org/10.1207/s15516709cog1402_1',
  },
  training: {
    method: 'backpropagation through time',
    summary: 'Every weight is trained, the recurrent ones included: the network is unrolled over the sequence and the error flows back through the steps.',
  },
  summary: 'A feed-forward network with connections through time: each recurrent cell also sees every cell’s state from the previous step.',
  family: 'recurrent',
  views: ['cells', 'unrolled'],
  configSchema,
  configs: { diagram: { inputs: 2, units: 3, outputs: 2, seed: 9, steps: 4 } },
  build,
  shapes: (c) => ({ input: [c.steps, c.inputs], output: [c.steps, c.outputs] }),
});
