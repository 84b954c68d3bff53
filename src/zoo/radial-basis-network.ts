import * as tf from '@tensorflow/tfjs';
import { defineArchitecture } from '../architecture/define';
import { upToLayer } from '../network/layer-output';
import { radialBasis } from '../network/layers/radial-basis';
import { createRandom, uniformMatrix } from '../network/numerics/random';
import type { OnProgress } from '../network/training/progress';
import { fitRidge, setDenseWeights } from '../network/training/ridge';
import * as z from 'zod/mini';
import { count, fields, positive, seed, type ConfigOf } from '../architecture/config-schema';

const configSchema = fields({
  inputs: count(),
  /** Number of Gaussian hidden units, one centre each. */
  centres: count(),
  outputs: count(),
  /** Starting width σ of every Gaussian, in input units. */
  width: positive(),
  /** The input range the centres start spread over: evenly for one input, at random for more. */
  lo: z.number({ error: 'expected a finite number' }),
  hi: z.number({ error: 'expected a finite number' }),
  seed: seed(),
}).check(z.refine((c) => c.hi > c.lo, { error: 'expected hi above lo', path: ['hi'] }));
export type RbfConfig = ConfigOf<typeof configSchema>;

/**
 * Input → a layer of Gaussian radial-basis units (a custom layer, RadialBasis) → a linear output.
 * Each hidden unit answers how close the input is to its centre; the output adds the answers up
 * with one weight each, plus a bias.
 */
function build(config: RbfConfig): tf.LayersModel {
  const input = tf.input({ shape: [config.inputs], name: 'input' });
  const rbf = radialBasis({ units: config.centres, width: config.width, name: 'rbf' });
  const output = tf.layers.dense({ units: config.outputs, name: 'output', kernelInitializer: tf.initializers.glorotUniform({ seed: config.seed }) });
  const model = tf.model({ inputs: input, outputs: output.apply(rbf.apply(input)) as tf.SymbolicTensor, name: 'radial-basis-network' });
  tf.tidy(() => {
    const [, widths] = rbf.getWeights();
    rbf.setWeights([tf.tensor2d(Float32Array.from(startingCentres(config)), [config.inputs, config.centres]), widths!]);
  });
  return model;
}

/** Row-major [inputs × centres]: one input spaced evenly over [lo, hi] (cell midpoints), more inputs uniform at random. */
function startingCentres(config: RbfConfig): Float64Array {
  const { inputs, centres, lo, hi } = config;
  if (inputs === 1) return Float64Array.from({ length: centres }, (_, j) => lo + ((j + 0.5) / centres) * (hi - lo));
  return uniformMatrix(inputs, centres, 1, config.seed).map((u) => lo + ((u + 1) / 2) * (hi - lo));
}

/** The centres as rows, one per unit: [centres × inputs]. */
export function centresOf(model: tf.LayersModel): number[][] {
  const [centres] = model.getLayer('rbf').getWeights();
  return tf.tidy(() => (tf.transpose(centres!) as tf.Tensor2D).arraySync());
}

/**
 * Stage one of the classic two-stage training, without looking at the targets: k-means moves the
 * centres to where the inputs are. The starting centres are inputs chosen by k-means++ (each next
 * one drawn with probability proportional to its squared distance from the centres so far, so they
 * spread over the data), then `iterations` rounds of Lloyd's algorithm: assign every input to its
 * nearest centre, move each centre to the mean of its inputs (one that wins no input stays put).
 * Reports phase `centres`.
 */
export function placeCentres(
  model: tf.LayersModel,
  inputs: readonly (readonly number[])[],
  options: { iterations?: number; seed?: number; onProgress?: OnProgress } = {},
): void {
  const iterations = options.iterations ?? 20;
  const units = centresOf(model).length;
  if (inputs.length < units) throw new Error(`placeCentres: ${units} centres need at least as many inputs, but got ${inputs.length}`);
  const squared = (a: readonly number[], b: readonly number[]) => a.reduce((s, v, i) => s + (v - b[i]!) ** 2, 0);
  const nearest = (x: readonly number[], centres: readonly (readonly number[])[]) =>
    centres.reduce((best, c, j) => (squared(x, c) < squared(x, centres[best]!) ? j : best), 0);

  const random = createRandom(options.seed ?? 1);
  const centres: number[][] = [[...inputs[Math.floor(random.next() * inputs.length)]!]];
  while (centres.length < units) {
    const weights = inputs.map((x) => squared(x, centres[nearest(x, centres)]!));
    let pick = random.next() * weights.reduce((s, w) => s + w, 0);
    const n = weights.findIndex((w) => (pick -= w) < 0);
    centres.push([...inputs[n < 0 ? inputs.length - 1 : n]!]);
  }
  for (let round = 0; round < iterations; round++) {
    const sums = centres.map((c) => c.map(() => 0));
    const counts = centres.map(() => 0);
    for (const x of inputs) {
      const j = nearest(x, centres);
      counts[j]!++;
      x.forEach((v, i) => (sums[j]![i]! += v));
    }
    centres.forEach((c, j) => {
      if (counts[j]! > 0) c.forEach((_, i) => (c[i] = sums[j]![i]! / counts[j]!));
    });
    options.onProgress?.({ phase: 'centres', done: round + 1, total: iterations });
  }
  // In input order along the first coordinate, so unit j's bump sits left of unit j + 1's in 1-D.
  centres.sort((a, b) => a[0]! - b[0]!);
  const layer = model.getLayer('rbf');
  tf.tidy(() => layer.setWeights([tf.transpose(tf.tensor2d(centres)), layer.getWeights()[1]!]));
}

/**
 * Stage two, Broomhead and Lowe's own: with the centres and widths fixed, the output is linear in
 * its weights, so they are the least-squares solution for the hidden activations, in one ridge
 * solve (fitRidge; a tiny relative penalty keeps overlapping Gaussians solvable). Reports `solve`.
 */
export function solveOutputWeights(
  model: tf.LayersModel,
  inputs: readonly (readonly number[])[],
  targets: readonly (readonly number[])[],
  options: { ridge?: number; onProgress?: OnProgress } = {},
): void {
  if (inputs.length !== targets.length) throw new Error(`solveOutputWeights: ${inputs.length} input rows but ${targets.length} target rows`);
  const h = tf.tidy(() => upToLayer(model, 'rbf').predict(tf.tensor2d(inputs as number[][])) as tf.Tensor2D);
  const y = tf.tensor2d(targets as number[][]);
  try {
    setDenseWeights(model.getLayer('output'), fitRidge(h, y, options.ridge ?? 1e-8, options.onProgress));
  } finally {
    tf.dispose([h, y]);
  }
}

/**
 * The alternative: gradient descent on every weight at once (centres, widths and output weights),
 * full-batch Adam on the mean squared error for `epochs` epochs; after the two stages above it
 * fine-tunes them. Reports phase `epochs` with the loss. Returns the final loss.
 */
export async function trainByGradient(
  model: tf.LayersModel,
  inputs: readonly (readonly number[])[],
  targets: readonly (readonly number[])[],
  options: { epochs: number; learningRate: number; onProgress?: OnProgress },
): Promise<number> {
  const optimizer = tf.train.adam(options.learningRate);
  model.compile({ optimizer, loss: 'meanSquaredError' });
  const xs = tf.tensor2d(inputs as number[][]);
  const ys = tf.tensor2d(targets as number[][]);
  try {
    const history = await model.fit(xs, ys, {
      epochs: options.epochs,
      batchSize: inputs.length,
      shuffle: false,
      verbose: 0,
      callbacks: { onEpochEnd: (epoch, logs) => options.onProgress?.({ phase: 'epochs', done: epoch + 1, total: options.epochs, error: logs?.loss }) },
    });
    return history.history.loss!.at(-1) as number;
  } finally {
    // The model does not own an optimizer it was handed: its moment estimates are freed here.
    optimizer.dispose();
    tf.dispose([xs, ys]);
  }
}

export function predictRows(model: tf.LayersModel, inputs: readonly (readonly number[])[]): number[][] {
  return tf.tidy(() => (model.predict(tf.tensor2d(inputs as number[][])) as tf.Tensor2D).arraySync());
}

/**
 * What each hidden unit adds to output `output` at each input row: its output weight times its
 * Gaussian, wⱼ φⱼ(x), as [units × rows], and the bias. The output is their sum plus the bias.
 */
export function weightedBumps(model: tf.LayersModel, inputs: readonly (readonly number[])[], output = 0): { bumps: number[][]; bias: number } {
  return tf.tidy(() => {
    const h = upToLayer(model, 'rbf').predict(tf.tensor2d(inputs as number[][])) as tf.Tensor2D;
    const [kernel, bias] = model.getLayer('output').getWeights();
    const w = tf.slice(kernel!, [0, output], [-1, 1]).reshape([1, -1]);
    return { bumps: (tf.transpose(tf.mul(h, w)) as tf.Tensor2D).arraySync(), bias: bias!.dataSync()[output]! };
  });
}

export default defineArchitecture<RbfConfig>({
  id: 'radial-basis-network',
  name: 'Radial basis network',
  abbreviation: 'RBF',
  year: 1988,
  paper: {
    authors: ['David S. Broomhead', 'David Lowe'],
    title: 'Multivariable functional interpolation and adaptive networks',
    venue: 'Complex Systems 2(3), 321–355',
    year: 1988,
    url: 'https://www.complex-systems.com/abstracts/v02_i03_a05/',
  },
  training: {
    method: 'centres by k-means, output weights by least squares',
    summary: 'The centres move to the data by k-means and the widths stay as set; the linear output weights then come from one least-squares solve. Optional gradient descent then tunes centres, widths and output weights together.',
  },
  summary: 'A hidden layer of Gaussian bumps, each centred somewhere in input space, and a linear output that adds them up: local pieces summed into a smooth function.',
  family: 'feed-forward',
  views: ['cells'],
  configs: {
    diagram: { inputs: 1, centres: 5, outputs: 1, width: 1, lo: -4, hi: 4, seed: 3 },
    demo: { inputs: 1, centres: 10, outputs: 1, width: 0.6, lo: -4, hi: 4, seed: 11 },
  },
  configSchema,
  build,
  shapes: (c) => ({ input: [c.inputs], output: [c.outputs] }),
});
