import * as tf from '@tensorflow/tfjs';
import { count, fields, seed, type ConfigOf } from '../architecture/config-schema';
import { defineArchitecture } from '../architecture/define';
import { heaviside } from '../network/layers/heaviside';

const configSchema = fields({ inputs: count(), seed: seed() });
export type PerceptronConfig = ConfigOf<typeof configSchema>;

/** Weighted sum into one threshold unit. The step is its own layer, so the network is Rosenblatt's. */
function build(config: PerceptronConfig): tf.LayersModel {
  const input = tf.input({ shape: [config.inputs], name: 'input' });
  const sum = tf.layers.dense({
    units: 1,
    name: 'output',
    kernelInitializer: tf.initializers.randomUniform({ minval: -0.5, maxval: 0.5, seed: config.seed }),
  });
  const step = heaviside({ name: 'step' });
  return tf.model({ inputs: input, outputs: step.apply(sum.apply(input)) as tf.SymbolicTensor, name: 'perceptron' });
}

export interface PerceptronRuleResult {
  /** True when an epoch passed with every example classified correctly. */
  readonly converged: boolean;
  readonly epochs: number;
  /** Fraction of examples classified correctly after training. */
  readonly accuracy: number;
}

/**
 * The perceptron learning rule: for each example, w ← w + η (y − ŷ) x and b ← b + η (y − ŷ).
 * No gradients: the step has none. It converges exactly when the classes are linearly separable.
 */
export function trainPerceptronRule(
  model: tf.LayersModel,
  inputs: readonly (readonly number[])[],
  targets: readonly number[],
  options: { epochs: number; learningRate: number },
): PerceptronRuleResult {
  const layer = model.getLayer('output');
  const [kernel, bias] = layer.getWeights().map((w) => Array.from(w.dataSync()));
  if (!kernel || !bias) throw new Error('perceptron: expected a kernel and a bias on layer "output"');
  const predict = (x: readonly number[]) => (x.reduce((s, v, i) => s + v * kernel[i]!, bias[0]!) >= 0 ? 1 : 0);

  let epochs = 0;
  let converged = false;
  while (epochs < options.epochs && !converged) {
    epochs++;
    converged = true;
    inputs.forEach((x, n) => {
      const error = targets[n]! - predict(x);
      if (error === 0) return;
      converged = false;
      x.forEach((v, i) => (kernel[i]! += options.learningRate * error * v));
      bias[0]! += options.learningRate * error;
    });
  }
  tf.tidy(() => layer.setWeights([tf.tensor2d(kernel, [kernel.length, 1]), tf.tensor1d(bias)]));
  const outputs = tf.tidy(() => (model.predict(tf.tensor2d(inputs as number[][])) as tf.Tensor).dataSync());
  const correct = targets.filter((t, n) => outputs[n] === t).length;
  return { converged, epochs, accuracy: correct / targets.length };
}

export default defineArchitecture<PerceptronConfig>({
  id: 'perceptron',
  name: 'Perceptron',
  abbreviation: 'P',
  year: 1958,
  paper: {
    authors: ['Frank Rosenblatt'],
    title: 'The perceptron: a probabilistic model for information storage and organization in the brain',
    venue: 'Psychological Review 65(6), 386–408',
    year: 1958,
    url: 'https://doi.org/10.1037/h0042519',
  },
  training: {
    method: 'perceptron learning rule',
    summary: 'Each misclassified example nudges the weights and bias towards it; all weights are trained, and training stops once an epoch makes no mistake.',
  },
  summary: 'One threshold unit over weighted inputs: the smallest trainable network, and the line it draws is all it can learn.',
  family: 'feed-forward',
  views: ['cells'],
  configSchema,
  configs: { diagram: { inputs: 2, seed: 1 } },
  build,
  shapes: (c) => ({ input: [c.inputs], output: [1] }),
});
