import * as tf from '@tensorflow/tfjs';
import { count, fields, positive, seed, type ConfigOf } from '../architecture/config-schema';
import { defineArchitecture } from '../architecture/define';
import { upToLayer } from '../network/layer-output';
import { uniformMatrix } from '../network/numerics/random';
import type { OnProgress } from '../network/training/progress';
import { fitRidge, setDenseWeights } from '../network/training/ridge';

const configSchema = fields({
  inputs: count(),
  hidden: count(),
  outputs: count(),
  /** Input weights and hidden biases are uniform in [−inputScale, inputScale]. */
  inputScale: positive(),
  seed: seed(),
});
export type ElmConfig = ConfigOf<typeof configSchema>;

/**
 * A one-hidden-layer feed-forward net whose hidden layer is random and frozen. No recurrence: each
 * input row is mapped independently, which is exactly what separates it from an echo-state network.
 */
function build(config: ElmConfig): tf.LayersModel {
  const input = tf.input({ shape: [config.inputs], name: 'input' });
  const hiddenLayer = tf.layers.dense({ units: config.hidden, activation: 'sigmoid', trainable: false, name: 'hidden' });
  const outputLayer = tf.layers.dense({ units: config.outputs, name: 'output' });
  const model = tf.model({
    inputs: input,
    outputs: outputLayer.apply(hiddenLayer.apply(input)) as tf.SymbolicTensor,
    name: 'extreme-learning-machine',
  });
  const kernel = uniformMatrix(config.inputs, config.hidden, config.inputScale, config.seed);
  const bias = uniformMatrix(1, config.hidden, config.inputScale, config.seed + 1);
  tf.tidy(() =>
    hiddenLayer.setWeights([
      tf.tensor2d(Float32Array.from(kernel), [config.inputs, config.hidden]),
      tf.tensor1d(Float32Array.from(bias)),
    ]),
  );
  return model;
}

/** Input rows per call of the hidden layer when computing H: frequent enough progress, little overhead. */
const FEATURE_CHUNK = 64;

/**
 * ELM training: one pass computes the hidden activations H, then the output weights are the
 * least-squares solution of H·β = Y with a tiny relative ridge (see fitRidge: HᵀH from tf ops,
 * solved and refined in float64). No training epochs, no gradients. Reports phases `features`
 * (input rows through the hidden layer) and `solve` (refinement steps, with the residual).
 */
export function fitLeastSquares(
  model: tf.LayersModel,
  inputs: readonly (readonly number[])[],
  targets: readonly (readonly number[])[],
  options: { ridge?: number; onProgress?: OnProgress } = {},
): void {
  if (inputs.length !== targets.length) throw new Error(`fitLeastSquares: ${inputs.length} input rows but ${targets.length} target rows`);
  const h = hiddenFeatures(model, inputs, options.onProgress);
  const y = tf.tensor2d(targets as number[][]);
  try {
    setDenseWeights(model.getLayer('output'), fitRidge(h, y, options.ridge ?? 1e-5, options.onProgress));
  } finally {
    tf.dispose([h, y]);
  }
}

/** H as a tensor, computed FEATURE_CHUNK rows at a time by the model's own hidden layer. */
function hiddenFeatures(model: tf.LayersModel, inputs: readonly (readonly number[])[], onProgress?: OnProgress): tf.Tensor2D {
  const hidden = upToLayer(model, 'hidden');
  return tf.tidy(() => {
    const chunks: tf.Tensor2D[] = [];
    for (let start = 0; start < inputs.length; start += FEATURE_CHUNK) {
      const rows = inputs.slice(start, start + FEATURE_CHUNK);
      chunks.push(hidden.predict(tf.tensor2d(rows as number[][])) as tf.Tensor2D);
      onProgress?.({ phase: 'features', done: start + rows.length, total: inputs.length });
    }
    return tf.concat(chunks, 0);
  });
}

/** Hidden activations H for the given inputs (one row per input), e.g. for a reference solve. */
export function hiddenActivations(model: tf.LayersModel, inputs: readonly (readonly number[])[]): number[][] {
  return tf.tidy(() => hiddenFeatures(model, inputs).arraySync());
}

export function predictRows(model: tf.LayersModel, inputs: readonly (readonly number[])[]): number[][] {
  return tf.tidy(() => (model.predict(tf.tensor2d(inputs as number[][])) as tf.Tensor2D).arraySync());
}

export default defineArchitecture<ElmConfig>({
  id: 'extreme-learning-machine',
  name: 'Extreme learning machine',
  abbreviation: 'ELM',
  // First presented at IJCNN 2004; the longer Neurocomputing paper (Theory and applications, 2006) came after.
  year: 2004,
  paper: {
    authors: ['Guang-Bin Huang', 'Qin-Yu Zhu', 'Chee-Kheong Siew'],
    title: 'Extreme learning machine: a new learning scheme of feedforward neural networks',
    venue: 'Proceedings of the IEEE International Joint Conference on Neural Networks (IJCNN 2004), Budapest, vol. 2, 985–990',
    year: 2004,
    url: 'https://doi.org/10.1109/IJCNN.2004.1380068',
  },
  training: {
    method: 'ridge regression (regularised least squares) in one step',
    summary: 'Input weights and hidden biases are random and stay fixed; the output weights minimise the squared error on the hidden activations plus a small ridge penalty, computed in a single solve.',
  },
  summary: 'A feed-forward network with a random, frozen hidden layer whose output weights are solved in one least-squares step instead of learned by backpropagation.',
  family: 'reservoir',
  // Unrolled over time an ELM shows its point: the copies share nothing, no edge runs between steps.
  views: ['cells', 'unrolled'],
  configSchema,
  configs: {
    diagram: { inputs: 2, hidden: 5, outputs: 1, inputScale: 1, seed: 3 },
    demo: { inputs: 1, hidden: 40, outputs: 1, inputScale: 4, seed: 11 },
  },
  build,
  shapes: (c) => ({ input: [c.inputs], output: [c.outputs] }),
});
