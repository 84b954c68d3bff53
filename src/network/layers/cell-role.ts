import * as tf from '@tensorflow/tfjs';
import { CELL_TYPES, type CellType } from '../../graph/types';

export interface CellRoleConfig {
  readonly role: CellType;
  readonly name?: string;
}

/**
 * The identity, carrying what the cells it passes on are for. Nothing in a Dense layer says that its
 * output is a GAN's generated sample or that an input is noise; this layer says it inside the model
 * (it is serialized with it), so the tracer reads the role off the network instead of a side list.
 */
export class CellRole extends tf.layers.Layer {
  static readonly className = 'CellRole';
  readonly role: CellType;

  constructor(config: CellRoleConfig) {
    super({ name: config.name });
    if (!(CELL_TYPES as readonly string[]).includes(config.role))
      throw new Error(`invalid role: "${config.role}" (expected one of ${CELL_TYPES.join(', ')})`);
    this.role = config.role;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.clone(Array.isArray(inputs) ? inputs[0]! : inputs);
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), role: this.role };
  }
}
tf.serialization.registerClass(CellRole);

export const cellRole = (role: CellType, name?: string): CellRole => new CellRole({ role, name });
