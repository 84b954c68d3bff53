import * as tf from '@tensorflow/tfjs';
import { defineArchitecture } from '../architecture/define';
import { selfOrganisingMap } from '../network/layers/self-organising-map';
import { createRandom } from '../network/numerics/random';
import type { OnProgress } from '../network/training/progress';
import { count, fields, seed, type ConfigOf } from '../architecture/config-schema';

const configSchema = fields({
  inputs: count(),
  rows: count(),
  columns: count(),
  /** Seed of the random starting prototypes (uniform in [0, 1)). */
  seed: seed(),
});
export type KohonenConfig = ConfigOf<typeof configSchema>;

/**
 * Input densely connected to a 2-D lattice of competing units (a custom layer, SelfOrganisingMap).
 * The layer's weight tensor `prototypes` is the whole network: column k is the point of input space
 * unit k stands for, and the diagram is read from it. The model answers with the best-matching
 * unit as a one-hot vector.
 */
function build(config: KohonenConfig): tf.LayersModel {
  const input = tf.input({ shape: [config.inputs], name: 'input' });
  const lattice = selfOrganisingMap({ rows: config.rows, columns: config.columns, seed: config.seed, name: 'lattice' });
  return tf.model({ inputs: input, outputs: lattice.apply(input) as tf.SymbolicTensor, name: 'kohonen-network' });
}

/** The prototypes as rows, one per unit in lattice order (row by row): [units × inputs]. */
export function prototypesOf(model: tf.LayersModel): number[][] {
  const [prototypes] = model.getLayer('lattice').getWeights();
  return tf.tidy(() => (tf.transpose(prototypes!) as tf.Tensor2D).arraySync());
}

function setPrototypes(model: tf.LayersModel, rows: readonly (readonly number[])[]): void {
  const layer = model.getLayer('lattice');
  tf.tidy(() => layer.setWeights([tf.transpose(tf.tensor2d(rows as number[][]))]));
}

/** The lattice shape of the model's map. */
export function latticeOf(model: tf.LayersModel): { rows: number; columns: number } {
  const { rows, columns } = model.getLayer('lattice').getConfig() as { rows: number; columns: number };
  return { rows, columns };
}

/** Index of the prototype nearest to `x` (squared Euclidean distance; the first on a tie). */
export function bestMatchingUnit(prototypes: readonly (readonly number[])[], x: readonly number[]): number {
  let best = 0;
  let bestDistance = Infinity;
  prototypes.forEach((w, k) => {
    let d = 0;
    for (let i = 0; i < x.length; i++) d += (x[i]! - w[i]!) ** 2;
    if (d < bestDistance) [best, bestDistance] = [k, d];
  });
  return best;
}

/** Mean distance from each input to its best-matching prototype: how well the map covers the data. */
export function quantisationError(prototypes: readonly (readonly number[])[], inputs: readonly (readonly number[])[]): number {
  const total = inputs.reduce((sum, x) => {
    const w = prototypes[bestMatchingUnit(prototypes, x)]!;
    return sum + Math.sqrt(x.reduce((s, v, i) => s + (v - w[i]!) ** 2, 0));
  }, 0);
  return total / inputs.length;
}

export interface KohonenSchedule {
  readonly epochs: number;
  /** Learning rate at the first step and at the last: it decays exponentially in between. */
  readonly learningRate: readonly [number, number];
  /** Neighbourhood radius σ on the lattice (in cells) at the first step and at the last. */
  readonly radius: readonly [number, number];
  /** Seed of the order the inputs are presented in, shuffled anew every epoch. */
  readonly seed: number;
}

/**
 * Kohonen's competitive learning, from the definition. For each input x, in a fresh random order
 * every epoch:
 *
 * 1. the best-matching unit b is the one whose prototype wₖ is nearest to x;
 * 2. every unit k moves towards x by η(t) · h(k, b) · (x − wₖ), where h = exp(−d² / 2σ(t)²) and d
 *    is the distance between k and b *on the lattice* (not in input space).
 *
 * η(t) and σ(t) shrink exponentially from their first values to their last over the run: early on
 * a wide neighbourhood drags whole regions of the map along and orders it; later only the winner
 * and its nearest neighbours move, fine-tuning. The prototypes are the layer's weight tensor: read
 * once, updated in plain JavaScript, written back after every epoch. `onEpoch` sees them then, with
 * the quantisation error. Reports phase `epochs` with the quantisation error. Returns the error after
 * each epoch.
 */
export function trainKohonen(
  model: tf.LayersModel,
  inputs: readonly (readonly number[])[],
  schedule: KohonenSchedule,
  options: { onEpoch?: (epoch: number, prototypes: readonly (readonly number[])[], error: number) => void; onProgress?: OnProgress } = {},
): number[] {
  const { columns } = latticeOf(model);
  const prototypes = prototypesOf(model);
  const position = prototypes.map((_, k) => [Math.floor(k / columns), k % columns] as const);
  const random = createRandom(schedule.seed);
  const steps = schedule.epochs * inputs.length;
  const decay = ([first, last]: readonly [number, number], t: number) => first * (last / first) ** t;
  const errors: number[] = [];
  const order = inputs.map((_, n) => n);
  let step = 0;
  for (let epoch = 1; epoch <= schedule.epochs; epoch++) {
    for (let n = order.length - 1; n > 0; n--) {
      const m = Math.floor(random.next() * (n + 1));
      [order[n], order[m]] = [order[m]!, order[n]!];
    }
    for (const n of order) {
      const x = inputs[n]!;
      const t = steps > 1 ? step / (steps - 1) : 0;
      const eta = decay(schedule.learningRate, t);
      const sigma = decay(schedule.radius, t);
      const [br, bc] = position[bestMatchingUnit(prototypes, x)]!;
      prototypes.forEach((w, k) => {
        const [r, c] = position[k]!;
        const h = Math.exp(-((r - br) ** 2 + (c - bc) ** 2) / (2 * sigma * sigma));
        if (h < 1e-6) return;
        for (let i = 0; i < w.length; i++) w[i]! += eta * h * (x[i]! - w[i]!);
      });
      step++;
    }
    setPrototypes(model, prototypes);
    const error = quantisationError(prototypes, inputs);
    errors.push(error);
    options.onEpoch?.(epoch, prototypes, error);
    options.onProgress?.({ phase: 'epochs', done: epoch, total: schedule.epochs, error });
  }
  return errors;
}

/** Random colours, each an RGB triple in [0, 1): the classic data a colour map organises. */
export function randomColours(count: number, seed: number): number[][] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => [random.next(), random.next(), random.next()]);
}

export default defineArchitecture<KohonenConfig>({
  id: 'kohonen-network',
  name: 'Kohonen network',
  abbreviation: 'KN',
  year: 1982,
  paper: {
    authors: ['Teuvo Kohonen'],
    title: 'Self-organized formation of topologically correct feature maps',
    venue: 'Biological Cybernetics 43(1), 59–69',
    year: 1982,
    url: 'https://doi.org/10.1007/BF00337288',
  },
  training: {
    method: 'competitive learning (self-organising map)',
    summary: 'For each input the best-matching unit and its lattice neighbours move their weights towards it; the neighbourhood and the learning rate shrink as training goes on. No targets and no gradients.',
  },
  summary: 'A 2-D lattice of units competing for each input: the winner and its neighbours move towards it, so neighbouring units come to stand for similar inputs and the map orders itself.',
  family: 'competitive',
  views: ['cells'],
  configs: {
    diagram: { inputs: 3, rows: 3, columns: 3, seed: 5 },
    demo: { inputs: 3, rows: 16, columns: 16, seed: 7 },
  },
  configSchema,
  build,
  shapes: (c) => ({ input: [c.inputs], output: [c.rows * c.columns] }),
});
