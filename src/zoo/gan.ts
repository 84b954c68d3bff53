import * as tf from '@tensorflow/tfjs';
import { defineArchitecture } from '../architecture/define';
import { cellRole } from '../network/layers/cell-role';
import { realOrGenerated } from '../network/layers/real-or-generated';
import { createRandom } from '../network/numerics/random';
import type { OnProgress } from '../network/training/progress';
import { count, fields, seed, type ConfigOf } from '../architecture/config-schema';

const configSchema = fields({
  /** Size of the generator's random input z. */
  noise: count(),
  generatorHidden: count(),
  /** Size of a data point (2 for points in the plane). */
  sample: count(),
  discriminatorHidden: count(),
  seed: seed(),
});
export type GanConfig = ConfigOf<typeof configSchema>;

/**
 * The whole game as one model: noise → generator → sample, and real data beside it, both judged by
 * the discriminator → P(real) for each ([batch, 2, 1]: the verdict on the generated sample, then on
 * the real one). The discriminator's first layer reads the samples through a RealOrGenerated layer,
 * so real data enters the very cells the generator writes, as it does in training; a CellRole marks
 * the noise and the generated sample so the diagram can draw them as what they are. `ganParts`
 * gives the two networks as models of their own, sharing these very layers.
 */
function build(config: GanConfig): tf.LayersModel {
  const dense = (units: number, activation: 'elu' | 'linear' | 'sigmoid', name: string, offset: number) =>
    tf.layers.dense({ units, activation, name, kernelInitializer: tf.initializers.glorotUniform({ seed: config.seed + offset }) });
  const noise = tf.input({ shape: [config.noise], name: 'noise' });
  const z = cellRole('noisy-input', 'noise-is-random').apply(noise);
  const hidden = dense(config.generatorHidden, 'elu', 'generator-hidden', 0).apply(z);
  const generated = dense(config.sample, 'linear', 'generated-sample', 1).apply(hidden);
  const sample = cellRole('match-input-output', 'sample-as-data').apply(generated) as tf.SymbolicTensor;
  const real = tf.input({ shape: [config.sample], name: 'real-data' });
  const both = realOrGenerated('real-or-generated').apply([sample, real]);
  const judged = dense(config.discriminatorHidden, 'elu', 'discriminator-hidden', 2).apply(both);
  const verdict = dense(1, 'sigmoid', 'real-or-fake', 3).apply(judged) as tf.SymbolicTensor;
  return tf.model({ inputs: [noise, real], outputs: verdict, name: 'gan' });
}

const GENERATOR_LAYERS = ['generator-hidden', 'generated-sample'] as const;
const DISCRIMINATOR_LAYERS = ['discriminator-hidden', 'real-or-fake'] as const;

export interface GanParts {
  /** noise → generated sample. */
  readonly generator: tf.LayersModel;
  /** sample (real or generated) → P(real). */
  readonly discriminator: tf.LayersModel;
}

/**
 * The two players as models of their own over the combined model's layers (no copies: training
 * either changes the combined model). The discriminator gets its own input, where real data enters.
 * tfjs counts the discriminator's second input as a second use of its layers: to free every tensor,
 * dispose `discriminator` and then the combined model (the generator part adds no use of its own).
 */
export function ganParts(model: tf.LayersModel): GanParts {
  const generator = tf.model({ inputs: model.inputs[0]!, outputs: model.getLayer('sample-as-data').output as tf.SymbolicTensor, name: 'generator' });
  const sampleSize = generator.outputs[0]!.shape[1] as number;
  const input = tf.input({ shape: [sampleSize], name: 'sample' });
  const verdict = DISCRIMINATOR_LAYERS.reduce<tf.SymbolicTensor>((x, name) => model.getLayer(name).apply(x) as tf.SymbolicTensor, input);
  return { generator, discriminator: tf.model({ inputs: input, outputs: verdict, name: 'discriminator' }) };
}

/** Runs `x` through the named layers in order: the same computation as the models, without their graph bookkeeping. */
const through = (model: tf.LayersModel, names: readonly string[], x: tf.Tensor): tf.Tensor =>
  names.reduce((h, name) => model.getLayer(name).apply(h) as tf.Tensor, x);

const trainableOf = (model: tf.LayersModel, names: readonly string[]) =>
  names.flatMap((name) => model.getLayer(name).trainableWeights.map((w) => w.read() as tf.Variable));

export interface GanTraining {
  readonly steps: number;
  readonly batchSize: number;
  readonly discriminatorRate: number;
  readonly generatorRate: number;
  /** Seed of the noise fed to the generator. */
  readonly seed: number;
  /** Real data: `count` samples as flattened rows. Called once per step. */
  readonly real: (count: number) => Float32Array;
  /** Every `every` steps (and after the last) `check` is called, and its number reported as the error. */
  readonly every?: number;
  readonly check?: (step: number) => number;
  readonly onProgress?: OnProgress;
  /** Called after every step with its number (from 1), for live pictures. */
  readonly onStep?: (step: number) => void;
}

export interface GanHistory {
  /** Per step: the discriminator's loss (real judged real, generated judged fake) and the generator's. */
  readonly discriminatorLoss: number[];
  readonly generatorLoss: number[];
}

/** Binary cross-entropy of probabilities against a constant target, averaged over the batch. */
const crossEntropy = (p: tf.Tensor, target: 0 | 1): tf.Scalar =>
  tf.tidy(() => {
    const clipped = tf.clipByValue(p, 1e-7, 1 - 1e-7);
    return tf.neg(tf.mean(target === 1 ? tf.log(clipped) : tf.log(tf.sub(1, clipped)))) as tf.Scalar;
  });

/**
 * Goodfellow et al.'s alternating game, one discriminator step then one generator step, each with its
 * own Adam. The discriminator step changes only the discriminator's weights; the generator step
 * changes only the generator's (the discriminator is frozen: its weights get no update), and uses
 * the paper's non-saturating loss −log D(G(z)).
 */
export function trainGan(model: tf.LayersModel, options: GanTraining): GanHistory {
  const noiseSize = model.inputs[0]!.shape[1] as number;
  const sampleSize = model.getLayer('generated-sample').outputShape[1] as number;
  const discriminate = (x: tf.Tensor) => through(model, DISCRIMINATOR_LAYERS, x);
  const discriminatorWeights = trainableOf(model, DISCRIMINATOR_LAYERS);
  const generatorWeights = trainableOf(model, GENERATOR_LAYERS);
  const dOptimizer = tf.train.adam(options.discriminatorRate, 0.5);
  const gOptimizer = tf.train.adam(options.generatorRate, 0.5);
  const random = createRandom(options.seed);
  const noiseBatch = () => tf.tensor2d(Float32Array.from({ length: options.batchSize * noiseSize }, () => random.normal()), [options.batchSize, noiseSize]);
  const history: GanHistory = { discriminatorLoss: [], generatorLoss: [] };
  const every = options.every ?? options.steps;
  try {
    for (let step = 1; step <= options.steps; step++) {
      const [dLoss, gLoss] = tf.tidy(() => {
        const real = tf.tensor2d(options.real(options.batchSize), [options.batchSize, sampleSize]);
        const fake = through(model, GENERATOR_LAYERS, noiseBatch());
        const d = dOptimizer.minimize(() => tf.add(crossEntropy(discriminate(real), 1), crossEntropy(discriminate(fake), 0)) as tf.Scalar, true, discriminatorWeights)!;
        const z = noiseBatch();
        const g = gOptimizer.minimize(() => crossEntropy(discriminate(through(model, GENERATOR_LAYERS, z)), 1), true, generatorWeights)!;
        return [d.dataSync()[0]!, g.dataSync()[0]!];
      });
      history.discriminatorLoss.push(dLoss);
      history.generatorLoss.push(gLoss);
      if (step % every === 0 || step === options.steps) {
        const error = options.check?.(step);
        options.onProgress?.({ phase: 'train', done: step, total: options.steps, ...(error === undefined ? {} : { error }) });
      }
      options.onStep?.(step);
    }
  } finally {
    dOptimizer.dispose();
    gOptimizer.dispose();
  }
  return history;
}

/** `count` generated samples as flattened rows, from noise drawn with `seed`. */
export function generate(model: tf.LayersModel, count: number, seed: number): Float32Array {
  const noiseSize = model.inputs[0]!.shape[1] as number;
  const random = createRandom(seed);
  return tf.tidy(() => {
    const z = tf.tensor2d(Float32Array.from({ length: count * noiseSize }, () => random.normal()), [count, noiseSize]);
    return through(model, GENERATOR_LAYERS, z).dataSync() as Float32Array;
  });
}

export default defineArchitecture<GanConfig>({
  id: 'gan',
  name: 'Generative adversarial network',
  abbreviation: 'GAN',
  year: 2014,
  paper: {
    authors: ['Ian J. Goodfellow', 'Jean Pouget-Abadie', 'Mehdi Mirza', 'Bing Xu', 'David Warde-Farley', 'Sherjil Ozair', 'Aaron Courville', 'Yoshua Bengio'],
    title: 'Generative Adversarial Nets',
    venue: 'Advances in Neural Information Processing Systems 27 (NIPS 2014), 2672–2680',
    year: 2014,
    url: 'https://arxiv.org/abs/1406.2661',
  },
  training: {
    method: 'adversarial: alternating discriminator and generator steps',
    summary: 'The discriminator is trained to tell real samples from generated ones; the generator is trained, with the discriminator frozen, to make the discriminator call its samples real. Each has its own optimizer.',
  },
  summary: 'Two networks trained against each other: a generator turns random noise into samples, and a discriminator learns to tell them from real data, which in turn teaches the generator.',
  family: 'generative',
  views: ['cells', 'layers'],
  configs: {
    diagram: { noise: 2, generatorHidden: 3, sample: 2, discriminatorHidden: 3, seed: 1 },
    demo: { noise: 2, generatorHidden: 24, sample: 2, discriminatorHidden: 24, seed: 5 },
  },
  configSchema,
  build,
  shapes: (c) => ({ input: [c.noise], moreInputs: [[c.sample]], output: [2, 1] }),
});
