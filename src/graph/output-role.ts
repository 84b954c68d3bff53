import type * as tf from '@tensorflow/tfjs';

/**
 * Whether a network's output is trained to reproduce its own input (an autoencoder) is a fact about
 * how it is used, not about its layers. The model states it in its user-defined metadata, which tfjs
 * saves with the model, and the tracer reads it there: the output cells are then drawn as
 * match-input-output cells instead of plain output cells.
 */
const KEY = 'outputMatchesInput';

export function declareOutputMatchesInput(model: tf.LayersModel): void {
  model.setUserDefinedMetadata({ ...(model.getUserDefinedMetadata() ?? {}), [KEY]: true });
}

export function outputMatchesInput(model: tf.LayersModel): boolean {
  const metadata = model.getUserDefinedMetadata() as Readonly<Record<string, unknown>> | undefined;
  return metadata?.[KEY] === true;
}
