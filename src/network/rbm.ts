import * as tf from '@tensorflow/tfjs';
import type { RestrictedBoltzmann } from './layers/restricted-boltzmann';
import { createRandom, type Random } from './numerics/random';
import type { OnProgress } from './training/progress';

/**
 * Training and sampling for restricted Boltzmann machines and stacks of them (deep belief nets).
 * The weights live in RestrictedBoltzmann layers (src/network/layers/restricted-boltzmann.ts); the
 * functions here read them out as plain arrays, run the (small, sequential) sampling loops in
 * JavaScript, where a 16-unit step costs microseconds instead of a tensor allocation, and write them
 * back. tests/network/layers/restricted-boltzmann.test.ts checks these loops against the layer's
 * own tensor computation.
 */

/** One RBM's parameters: W row-major [visible × hidden], visible biases b, hidden biases c. */
export interface RbmParams {
  readonly visible: number;
  readonly hidden: number;
  readonly W: Float64Array;
  readonly b: Float64Array;
  readonly c: Float64Array;
}

const named = (layer: tf.layers.Layer, suffix: string) => {
  const variable = layer.weights.find((w) => w.originalName.endsWith(`/${suffix}`));
  if (!variable) throw new Error(`layer "${layer.name}": missing weight "${suffix}"`);
  return variable;
};

/** The layer's weights, copied out. */
export function readRbm(layer: tf.layers.Layer): RbmParams {
  const kernel = named(layer, 'kernel');
  const [visible, hidden] = kernel.shape as [number, number];
  return {
    visible,
    hidden,
    W: Float64Array.from(kernel.read().dataSync()),
    b: Float64Array.from(named(layer, 'visible_bias').read().dataSync()),
    c: Float64Array.from(named(layer, 'hidden_bias').read().dataSync()),
  };
}

/** Writes `params` into the layer, the weights the network then runs with. */
export function writeRbm(layer: tf.layers.Layer, params: RbmParams): void {
  tf.tidy(() =>
    layer.setWeights([
      tf.tensor2d(Float32Array.from(params.W), [params.visible, params.hidden]),
      tf.tensor1d(Float32Array.from(params.b)),
      tf.tensor1d(Float32Array.from(params.c)),
    ]),
  );
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
/** log(1 + eˣ), without overflow. */
const softplus = (x: number): number => (x > 30 ? x : Math.log1p(Math.exp(x)));

/** p(hⱼ = 1 | v) = σ(cⱼ + Σᵢ vᵢWᵢⱼ). */
export function hiddenProbabilities(rbm: RbmParams, v: ArrayLike<number>): Float64Array {
  const p = Float64Array.from(rbm.c);
  for (let i = 0; i < rbm.visible; i++) {
    const vi = v[i]!;
    if (vi === 0) continue;
    for (let j = 0; j < rbm.hidden; j++) p[j]! += vi * rbm.W[i * rbm.hidden + j]!;
  }
  return p.map(sigmoid);
}

/** p(vᵢ = 1 | h) = σ(bᵢ + Σⱼ Wᵢⱼhⱼ): the same W as the upward pass, read along its rows. */
export function visibleProbabilities(rbm: RbmParams, h: ArrayLike<number>): Float64Array {
  const p = new Float64Array(rbm.visible);
  for (let i = 0; i < rbm.visible; i++) {
    let sum = rbm.b[i]!;
    for (let j = 0; j < rbm.hidden; j++) sum += rbm.W[i * rbm.hidden + j]! * h[j]!;
    p[i] = sigmoid(sum);
  }
  return p;
}

/** Binary units: 1 with probability pᵢ. */
export function sampleUnits(p: ArrayLike<number>, random: Random): Float64Array {
  const units = new Float64Array(p.length);
  for (let k = 0; k < p.length; k++) units[k] = random.next() < p[k]! ? 1 : 0;
  return units;
}

export interface CdSchedule {
  /** Gibbs steps in the negative phase: CD-k. */
  readonly k: number;
  readonly learningRate: number;
  readonly epochs: number;
  /** Seed of the samples drawn during training. */
  readonly seed: number;
}

/**
 * Contrastive divergence, CD-k (Hinton 2002), full batch. For each data vector v⁰: h⁰ ∼ p(h | v⁰),
 * then k steps of Gibbs sampling v ∼ p(v | h), h ∼ p(h | v) give vᵏ. Each epoch moves
 * ΔW = η (⟨v⁰ p(h | v⁰)ᵀ⟩ − ⟨vᵏ p(h | vᵏ)ᵀ⟩), and the biases likewise: up the data's correlations,
 * down the model's. Returns, per epoch, the reconstruction error: the mean over data vectors and
 * visible units of (p(v | h⁰) − v⁰)². `params` is updated in place.
 */
export function contrastiveDivergence(
  rbm: RbmParams,
  data: readonly ArrayLike<number>[],
  schedule: CdSchedule,
  options: { onEpoch?: (epoch: number, error: number) => void } = {},
): number[] {
  const { visible, hidden } = rbm;
  const random = createRandom(schedule.seed);
  const errors: number[] = [];
  const dW = new Float64Array(visible * hidden);
  const db = new Float64Array(visible);
  const dc = new Float64Array(hidden);
  const rate = schedule.learningRate / data.length;
  for (let epoch = 1; epoch <= schedule.epochs; epoch++) {
    dW.fill(0);
    db.fill(0);
    dc.fill(0);
    let error = 0;
    for (const v0 of data) {
      const ph0 = hiddenProbabilities(rbm, v0);
      const h0 = sampleUnits(ph0, random);
      const reconstruction = visibleProbabilities(rbm, h0);
      for (let i = 0; i < visible; i++) error += (reconstruction[i]! - v0[i]!) ** 2;
      let h = h0;
      let v: Float64Array = sampleUnits(reconstruction, random);
      let ph = hiddenProbabilities(rbm, v);
      for (let step = 1; step < schedule.k; step++) {
        h = sampleUnits(ph, random);
        v = sampleUnits(visibleProbabilities(rbm, h), random);
        ph = hiddenProbabilities(rbm, v);
      }
      for (let i = 0; i < visible; i++) {
        for (let j = 0; j < hidden; j++) dW[i * hidden + j]! += v0[i]! * ph0[j]! - v[i]! * ph[j]!;
        db[i]! += v0[i]! - v[i]!;
      }
      for (let j = 0; j < hidden; j++) dc[j]! += ph0[j]! - ph[j]!;
    }
    for (let n = 0; n < dW.length; n++) rbm.W[n]! += rate * dW[n]!;
    for (let i = 0; i < visible; i++) rbm.b[i]! += rate * db[i]!;
    for (let j = 0; j < hidden; j++) rbm.c[j]! += rate * dc[j]!;
    const mean = error / (data.length * visible);
    errors.push(mean);
    options.onEpoch?.(epoch, mean);
  }
  return errors;
}

/** The model's RestrictedBoltzmann layers, bottom first. */
export const boltzmannLayers = (model: tf.LayersModel): RestrictedBoltzmann[] =>
  model.layers.filter((l) => l.getClassName() === 'RestrictedBoltzmann') as RestrictedBoltzmann[];

/** How often training writes the weights back and reports: about this many times per layer. */
const REPORTS = 50;

/**
 * Trains every RestrictedBoltzmann layer of `model` by CD-k, bottom first, each on what the one below
 * makes of the data: the layer below's hidden probabilities p(h | v) for each data vector (greedy
 * layer-wise training, Hinton, Osindero & Teh 2006). One layer is an RBM trained on the data.
 *
 * A layer whose shape is the transpose of the one below it (hidden units = the lower layer's visible
 * units) starts from that layer's weights transposed, as in the paper: it then already models its
 * data as well as the lower layer's own prior does, and training can only improve the bound on the
 * data's log-likelihood from there. Upper layers train at `upperLearningRate`. `onEpoch` sees the
 * layer index, epoch and reconstruction error about REPORTS times per layer, after the weights are
 * written back. Reports phase `layer-<n>`. Returns each layer's reconstruction errors per epoch.
 */
export function trainGreedy(
  model: tf.LayersModel,
  data: readonly ArrayLike<number>[],
  schedule: CdSchedule & { readonly upperLearningRate?: number },
  options: { onEpoch?: (layer: number, epoch: number, error: number) => void; onProgress?: OnProgress } = {},
): number[][] {
  const layers = boltzmannLayers(model);
  let below: RbmParams | undefined;
  let inputs = data;
  return layers.map((layer, index) => {
    const rbm = readRbm(layer);
    if (below && rbm.hidden === below.visible && rbm.visible === below.hidden) {
      for (let i = 0; i < rbm.visible; i++) for (let j = 0; j < rbm.hidden; j++) rbm.W[i * rbm.hidden + j] = below.W[j * below.hidden + i]!;
      rbm.b.set(below.c);
      rbm.c.set(below.b);
    }
    const every = Math.max(1, Math.round(schedule.epochs / REPORTS));
    const learningRate = index === 0 ? schedule.learningRate : (schedule.upperLearningRate ?? schedule.learningRate);
    const errors = contrastiveDivergence(rbm, inputs, { ...schedule, learningRate, seed: schedule.seed + index }, {
      onEpoch: (epoch, error) => {
        if (epoch % every !== 0 && epoch !== schedule.epochs) return;
        writeRbm(layer, rbm);
        options.onEpoch?.(index, epoch, error);
        options.onProgress?.({ phase: `layer-${index + 1}`, done: epoch, total: schedule.epochs, error });
      },
    });
    writeRbm(layer, rbm);
    inputs = inputs.map((v) => hiddenProbabilities(rbm, v));
    below = rbm;
    return errors;
  });
}

/**
 * Draws `count` samples from the generative model the layers define. The top layer is an RBM: a
 * Gibbs chain started from uniform noise on its visible units runs `steps` steps (h ∼ p(h | v),
 * v ∼ p(v | h)). Its visible sample then passes down once through each lower layer, through that
 * layer's W transposed: v ∼ p(v | h). For one layer, plain Gibbs sampling of an RBM. `onSample` sees
 * the samples so far after each one.
 */
export function generate(
  model: tf.LayersModel,
  options: { count: number; steps: number; seed: number; onSample?: (samples: readonly Float64Array[]) => void },
): Float64Array[] {
  const stack = boltzmannLayers(model).map(readRbm);
  const top = stack.at(-1)!;
  const random = createRandom(options.seed);
  const samples: Float64Array[] = [];
  while (samples.length < options.count) {
    let v = sampleUnits(new Float64Array(top.visible).fill(0.5), random);
    for (let step = 0; step < options.steps; step++) v = sampleUnits(visibleProbabilities(top, sampleUnits(hiddenProbabilities(top, v), random)), random);
    for (let l = stack.length - 2; l >= 0; l--) v = sampleUnits(visibleProbabilities(stack[l]!, v), random);
    samples.push(v);
    options.onSample?.(samples);
  }
  return samples;
}

/**
 * Bars and stripes (MacKay 2003): on a side × side grid, either a set of rows is on (bars) or a set of
 * columns (stripes); row by row, as 0/1 vectors. All-off and all-on are both, counted once:
 * 2 · 2^side − 2 patterns.
 */
export function barsAndStripes(side: number): number[][] {
  const seen = new Set<string>();
  const patterns: number[][] = [];
  for (const stripes of [false, true])
    for (let mask = 0; mask < 1 << side; mask++) {
      const pattern = Array.from({ length: side * side }, (_, n) => (mask >> (stripes ? n % side : Math.floor(n / side))) & 1);
      const key = pattern.join('');
      if (!seen.has(key)) [seen.add(key), patterns.push(pattern)];
    }
  return patterns;
}

/** Share of `samples` that are exactly one of `patterns`. */
export function validShare(samples: readonly ArrayLike<number>[], patterns: readonly (readonly number[])[]): number {
  const known = new Set(patterns.map((p) => p.join('')));
  return samples.filter((s) => known.has(Array.from(s).join(''))).length / samples.length;
}

const MAX_ENUMERATED = 16;
/** log Σ eˣ, without overflow. A loop, not Math.max(...xs): 2¹⁶ arguments overflow a worker's stack. */
const logSumExp = (xs: readonly number[]): number => {
  const top = xs.reduce((m, x) => (x > m ? x : m), -Infinity);
  return top + Math.log(xs.reduce((s, x) => s + Math.exp(x - top), 0));
};
const bits = (n: number, state: number): Float64Array => Float64Array.from({ length: n }, (_, j) => (state >> j) & 1);

/** F(v) = −b·v − Σⱼ softplus(cⱼ + Σᵢ vᵢWᵢⱼ): p(v) = e^(−F(v)) / Z. */
export function freeEnergy(rbm: RbmParams, v: ArrayLike<number>): number {
  let energy = 0;
  for (let i = 0; i < rbm.visible; i++) energy -= rbm.b[i]! * v[i]!;
  for (let j = 0; j < rbm.hidden; j++) {
    let x = rbm.c[j]!;
    for (let i = 0; i < rbm.visible; i++) x += v[i]! * rbm.W[i * rbm.hidden + j]!;
    energy -= softplus(x);
  }
  return energy;
}

/** log Z, exactly, summing over every hidden state (so at most MAX_ENUMERATED hidden units). */
export function logPartition(rbm: RbmParams): number {
  if (rbm.hidden > MAX_ENUMERATED) throw new Error(`logPartition: ${rbm.hidden} hidden units are too many to enumerate (at most ${MAX_ENUMERATED})`);
  const terms: number[] = [];
  // A unit that is off adds W·0 = 0, so only the units that are on are added: the same sums, in the
  // same order, without a vector per state (2¹⁶ of them).
  for (let state = 0; state < 1 << rbm.hidden; state++) {
    let t = 0;
    for (let j = 0; j < rbm.hidden; j++) if ((state >> j) & 1) t += rbm.c[j]!;
    for (let i = 0; i < rbm.visible; i++) {
      let x = rbm.b[i]!;
      const row = i * rbm.hidden;
      for (let j = 0; j < rbm.hidden; j++) if ((state >> j) & 1) x += rbm.W[row + j]!;
      t += softplus(x);
    }
    terms.push(t);
  }
  return logSumExp(terms);
}

/** Mean exact log-likelihood of `data` under one RBM, in nats per data vector. */
export function logLikelihood(rbm: RbmParams, data: readonly ArrayLike<number>[]): number {
  const logZ = logPartition(rbm);
  return data.reduce((sum, v) => sum - freeEnergy(rbm, v) - logZ, 0) / data.length;
}

/**
 * Mean variational lower bound on log p(v) under a two-layer deep belief net (Hinton, Osindero & Teh
 * 2006, eq. 8), in nats per data vector, computed exactly by summing over every state of the first
 * hidden layer: Σ over h of Q(h | v) [log p(v | h) + log p(h) − log Q(h | v)], with Q(h | v) the
 * bottom layer's recognition probabilities, p(v | h) its generative ones (the same W transposed) and
 * p(h) the marginal of the top RBM over its visible units h.
 */
export function variationalBound(bottom: RbmParams, top: RbmParams, data: readonly ArrayLike<number>[]): number {
  const logZ = logPartition({ ...top, visible: top.hidden, hidden: top.visible, W: transpose(top), b: top.c, c: top.b });
  const states = Array.from({ length: 1 << bottom.hidden }, (_, s) => bits(bottom.hidden, s));
  const logPrior = states.map((h) => -freeEnergy(top, h) - logZ);
  const generative = states.map((h) => visibleProbabilities(bottom, h));
  let total = 0;
  for (const v of data) {
    const q = hiddenProbabilities(bottom, v);
    states.forEach((h, s) => {
      let logQ = 0;
      for (let j = 0; j < h.length; j++) logQ += Math.log(h[j] ? q[j]! : 1 - q[j]!);
      const weight = Math.exp(logQ);
      if (weight < 1e-12) return;
      let logPv = 0;
      const p = generative[s]!;
      for (let i = 0; i < v.length; i++) logPv += Math.log(v[i] ? p[i]! : 1 - p[i]!);
      total += weight * (logPv + logPrior[s]! - logQ);
    });
  }
  return total / data.length;
}

/** W transposed, row-major [hidden × visible]. */
function transpose(rbm: RbmParams): Float64Array {
  const t = new Float64Array(rbm.W.length);
  for (let i = 0; i < rbm.visible; i++) for (let j = 0; j < rbm.hidden; j++) t[j * rbm.visible + i] = rbm.W[i * rbm.hidden + j]!;
  return t;
}
