import * as tf from '@tensorflow/tfjs';
import type { ArchitectureDefinition } from '../architecture/types';

/**
 * A seeded input of the shapes the definition states for `config` (uniform in [0, 1), a batch of
 * one per model input): the example a living diagram shows where a demo has no sample of its own
 * data to hand. The diagram says it shows one input, not which.
 */
export function shapedExample<C>(architecture: ArchitectureDefinition<C>, config: C, seed = 1): tf.Tensor | tf.Tensor[] {
  const { input, moreInputs = [] } = architecture.shapes(config);
  const inputs = [input, ...moreInputs].map((shape, k) => tf.randomUniform([1, ...shape], 0, 1, 'float32', seed + k));
  return inputs.length === 1 ? inputs[0]! : inputs;
}
