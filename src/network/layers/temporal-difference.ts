import * as tf from '@tensorflow/tfjs';

export interface TdTargetConfig {
  /** The discount γ, 0 ≤ γ < 1. */
  readonly gamma: number;
  readonly name?: string;
}

/**
 * Q-learning's target y = r + γ·c·max_a′ Q̂(s′, a′), from three inputs: the target network's values
 * of the next state [batch, actions], the reward [batch, 1] and c [batch, 1], 1 where the episode
 * goes on and 0 where s′ ended it (then y = r). No weights: γ is a fixed number.
 */
export class TdTarget extends tf.layers.Layer {
  static readonly className = 'TdTarget';
  readonly gamma: number;

  constructor(config: TdTargetConfig) {
    super({ name: config.name });
    if (!(config.gamma >= 0 && config.gamma < 1)) throw new Error(`invalid gamma: ${config.gamma} (expected 0 ≤ γ < 1)`);
    this.gamma = config.gamma;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    if (!Array.isArray(inputs) || inputs.length !== 3)
      throw new Error(`layer "${this.name}" (TdTarget): expected three inputs [next values, reward, continues], but got ${Array.isArray(inputs) ? inputs.length : 1}`);
    const [next, reward, continues] = inputs as [tf.Tensor, tf.Tensor, tf.Tensor];
    return tf.tidy(() => tf.add(reward, tf.mul(tf.mul(continues, this.gamma), tf.max(next, -1, true))));
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shapes = inputShape as tf.Shape[];
    if (shapes.length !== 3 || shapes.slice(1).some((s) => s.at(-1) !== 1))
      throw new Error(`layer "${this.name}" (TdTarget): expected [next values, reward (1), continues (1)], but got ${JSON.stringify(inputShape)}`);
    return [shapes[0]![0]!, 1];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), gamma: this.gamma };
  }
}
tf.serialization.registerClass(TdTarget);

/**
 * The temporal-difference error for every action, δ_a = y − Q(s, a), from [values, target]: what
 * training squares (for the action taken). No weights.
 */
export class TdError extends tf.layers.Layer {
  static readonly className = 'TdError';

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    if (!Array.isArray(inputs) || inputs.length !== 2)
      throw new Error(`layer "${this.name}" (TdError): expected two inputs [values, target], but got ${Array.isArray(inputs) ? inputs.length : 1}`);
    return tf.sub(inputs[1]!, inputs[0]!);
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shapes = inputShape as tf.Shape[];
    if (shapes.length !== 2 || shapes[1]!.at(-1) !== 1)
      throw new Error(`layer "${this.name}" (TdError): expected [values, target (1)], but got ${JSON.stringify(inputShape)}`);
    return shapes[0]!;
  }
}
tf.serialization.registerClass(TdError);

export const tdTarget = (gamma: number, name?: string): TdTarget => new TdTarget({ gamma, name });
export const tdError = (name?: string): TdError => new TdError({ name });

/** Plain-JS reference: y = r + γ·c·max next, row by row. */
export function tdTargetReference(next: readonly (readonly number[])[], reward: readonly number[], continues: readonly number[], gamma: number): number[] {
  return next.map((row, b) => reward[b]! + gamma * continues[b]! * Math.max(...row));
}
