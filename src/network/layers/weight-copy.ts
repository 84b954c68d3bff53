import * as tf from '@tensorflow/tfjs';

export interface WeightCopyConfig {
  /** The layer whose weights the layer before this marker holds a copy of. */
  readonly of: string;
  readonly name?: string;
}

/**
 * The identity, saying inside the model that the layer it follows holds a copy of another layer's
 * weights (a DQN's target network: each of its layers a copy of the online network's, refreshed every
 * so many steps and never trained). `copyWeights` makes the copy by reading these markers, and the
 * tracer draws it from the same markers, so the drawing and the copying cannot disagree.
 */
export class WeightCopy extends tf.layers.Layer {
  static readonly className = 'WeightCopy';
  readonly of: string;

  constructor(config: WeightCopyConfig) {
    super({ name: config.name });
    if (typeof config.of !== 'string' || config.of === '') throw new Error(`invalid of: ${JSON.stringify(config.of)} (expected the name of the layer copied)`);
    this.of = config.of;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.clone(Array.isArray(inputs) ? inputs[0]! : inputs);
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), of: this.of };
  }
}
tf.serialization.registerClass(WeightCopy);

export const weightCopy = (of: string, name?: string): WeightCopy => new WeightCopy({ of, name });

/** Each copy the model declares: the layer holding the copy and the layer it copies. */
export function weightCopies(model: tf.LayersModel): { copy: tf.layers.Layer; of: tf.layers.Layer }[] {
  return model.layers
    .filter((l) => l.getClassName() === 'WeightCopy')
    .map((marker) => {
      const copy = marker.inboundNodes[0]?.inboundLayers[0] as tf.layers.Layer | undefined;
      const { of } = marker.getConfig() as unknown as WeightCopyConfig;
      if (!copy) throw new Error(`layer "${marker.name}" (WeightCopy): follows no layer`);
      return { copy, of: model.getLayer(of) };
    });
}

/** Sets every declared copy's weights to those of the layer it copies (a DQN's target update). */
export function copyWeights(model: tf.LayersModel): void {
  for (const { copy, of } of weightCopies(model)) copy.setWeights(of.getWeights());
}
