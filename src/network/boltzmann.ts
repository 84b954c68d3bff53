import * as tf from '@tensorflow/tfjs';
import type { BoltzmannMachine } from './layers/boltzmann-machine';
import { createRandom, type Random } from './numerics/random';
import type { OnProgress } from './training/progress';

/**
 * The numbers a Boltzmann machine runs with, read from its layer: the symmetric weights W (zero
 * diagonal) and the biases b over all n units, visible first. A state s is n values, each 0 or 1.
 */
export interface BoltzmannWeights {
  readonly w: readonly (readonly number[])[];
  readonly b: readonly number[];
  readonly visible: number;
}

/** The machine's weights as the layer holds them, W = U + Uᵀ from its upper triangle U (read once; plain arrays from here on). */
export function boltzmannWeightsOf(layer: BoltzmannMachine): BoltzmannWeights {
  const [u, b] = layer.getWeights();
  const upper = u!.arraySync() as number[][];
  const w = upper.map((row, i) => row.map((_, j) => (i < j ? upper[i]![j]! : j < i ? upper[j]![i]! : 0)));
  return { w, b: b!.arraySync() as number[], visible: layer.visible };
}

/** Writes W (its upper triangle, where the layer keeps it) and b back into the layer: the weights the model's own sweep runs with. */
export function setBoltzmannWeights(layer: BoltzmannMachine, weights: BoltzmannWeights): void {
  const upper = weights.w.map((row, i) => row.map((v, j) => (i < j ? v : 0)));
  tf.tidy(() => layer.setWeights([tf.tensor2d(upper), tf.tensor1d(weights.b as number[])]));
}

/** E(s) = −Σ_{i<j} wᵢⱼ sᵢ sⱼ − Σᵢ bᵢ sᵢ. */
export function energy({ w, b }: BoltzmannWeights, s: readonly number[]): number {
  let e = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === 0) continue;
    e -= b[i]!;
    for (let j = i + 1; j < s.length; j++) if (s[j] !== 0) e -= w[i]![j]!;
  }
  return e;
}

/** ΔEₖ = Σⱼ wₖⱼ sⱼ + bₖ: how much the energy falls when unit k turns on, the rest held. */
export function energyGap({ w, b }: BoltzmannWeights, s: readonly number[], k: number): number {
  let field = b[k]!;
  const row = w[k]!;
  for (let j = 0; j < s.length; j++) if (s[j] !== 0) field += row[j]!;
  return field;
}

/**
 * One asynchronous Gibbs sweep at temperature T, in place: each unit from `first` on, in index order,
 * turns on with probability σ(ΔEₖ / T) given the current values of all the others. `first` =
 * visible count keeps the visible units clamped.
 */
export function gibbsSweep(weights: BoltzmannWeights, s: number[], temperature: number, random: Random, first = 0): void {
  for (let k = first; k < s.length; k++) s[k] = random.next() < 1 / (1 + Math.exp(-energyGap(weights, s, k) / temperature)) ? 1 : 0;
}

/** State number x as units: unit i is bit i of x. */
export const stateOf = (x: number, n: number): number[] => Array.from({ length: n }, (_, i) => (x >> i) & 1);
/** The number of a state: Σ sᵢ 2ⁱ. */
export const indexOf = (s: readonly number[]): number => s.reduce((x, v, i) => x + (v ? 1 << i : 0), 0);

/** p(s) = exp(−E(s)/T) / Z over all 2ⁿ states, by enumeration (n ≤ 16), indexed by state number. */
export function boltzmannDistribution(weights: BoltzmannWeights, temperature: number): number[] {
  const n = weights.b.length;
  if (n > 16) throw new Error(`boltzmannDistribution: enumerates 2^n states, so expected n ≤ 16, but got ${n}`);
  const logits = Array.from({ length: 2 ** n }, (_, x) => -energy(weights, stateOf(x, n)) / temperature);
  const top = Math.max(...logits);
  const unnormalised = logits.map((l) => Math.exp(l - top));
  const z = unnormalised.reduce((a, c) => a + c, 0);
  return unnormalised.map((u) => u / z);
}

/** ½ Σ |p − q|: 0 for equal distributions, 1 for disjoint ones. */
export const totalVariation = (p: readonly number[], q: readonly number[]): number => p.reduce((d, v, i) => d + Math.abs(v - q[i]!), 0) / 2;

/**
 * How often each state is visited by a free-running chain at temperature T: `burnIn` sweeps from a
 * random start are discarded, then the state after each of `sweeps` sweeps is counted. Frequencies
 * indexed by state number.
 */
export function sampleFrequencies(weights: BoltzmannWeights, temperature: number, sweeps: number, options: { burnIn?: number; seed: number }): number[] {
  const n = weights.b.length;
  const random = createRandom(options.seed);
  const s = Array.from({ length: n }, () => (random.next() < 0.5 ? 1 : 0));
  for (let t = 0; t < (options.burnIn ?? 0); t++) gibbsSweep(weights, s, temperature, random);
  const counts = Array<number>(2 ** n).fill(0);
  for (let t = 0; t < sweeps; t++) {
    gibbsSweep(weights, s, temperature, random);
    counts[indexOf(s)]!++;
  }
  return counts.map((c) => c / sweeps);
}

/** A simulated-annealing schedule: T falls geometrically from `from` to `to` over `sweeps` sweeps. */
export interface AnnealingSchedule {
  readonly from: number;
  readonly to: number;
  readonly sweeps: number;
}

/** The temperature of sweep t (0-based) of a schedule. */
export const temperatureAt = ({ from, to, sweeps }: AnnealingSchedule, t: number): number => (sweeps > 1 ? from * (to / from) ** (t / (sweeps - 1)) : to);

/**
 * Simulated annealing: Gibbs sweeps from a random state at a temperature that falls along the
 * schedule, so the machine explores at first and settles into a low-energy state at the end. Returns
 * the final state and the energy after every sweep.
 */
export function anneal(weights: BoltzmannWeights, schedule: AnnealingSchedule, seed: number): { state: number[]; energies: number[] } {
  const random = createRandom(seed);
  const s = weights.b.map(() => (random.next() < 0.5 ? 1 : 0));
  const energies: number[] = [];
  for (let t = 0; t < schedule.sweeps; t++) {
    gibbsSweep(weights, s, temperatureAt(schedule, t), random);
    energies.push(energy(weights, s));
  }
  return { state: s, energies };
}

/** p(v) for every visible vector (indexed by its number), summing the hidden units out of a distribution over all states. */
function marginalOf(p: readonly number[], visible: number): number[] {
  const visibleStates = 2 ** visible;
  const marginal = Array<number>(visibleStates).fill(0);
  p.forEach((q, x) => (marginal[x % visibleStates]! += q));
  return marginal;
}

/** p(v) for every visible vector (indexed by its number), summing the hidden units out exactly. */
export const visibleDistribution = (weights: BoltzmannWeights, temperature: number): number[] =>
  marginalOf(boltzmannDistribution(weights, temperature), weights.visible);

/** Mean log-probability (natural log) the machine gives the data vectors: what learning raises. */
export function logLikelihood(weights: BoltzmannWeights, temperature: number, data: readonly (readonly number[])[]): number {
  const marginal = visibleDistribution(weights, temperature);
  return data.reduce((sum, v) => sum + Math.log(marginal[indexOf(v)]!), 0) / data.length;
}

/**
 * ⟨sᵢ sⱼ⟩ (and ⟨sᵢ⟩ on the diagonal) under a distribution over states, given as [state number, p]
 * pairs: the statistics the learning rule compares.
 */
function correlations(n: number, states: Iterable<readonly [number, number]>): number[][] {
  const c = Array.from({ length: n }, () => Array<number>(n).fill(0));
  for (const [x, p] of states) {
    const s = stateOf(x, n);
    for (let i = 0; i < n; i++) if (s[i]) for (let j = i; j < n; j++) if (s[j]) c[i]![j]! += p;
  }
  return c;
}

export interface BoltzmannLearning {
  readonly epochs: number;
  readonly learningRate: number;
}

/**
 * The Boltzmann machine learning rule with exact statistics (tiny machines only: it enumerates all
 * 2ⁿ states). Each epoch:
 *
 * - clamped phase: each data vector is held on the visible units and the hidden units take their
 *   equilibrium distribution given it; ⟨sᵢ sⱼ⟩⁺ is averaged over the data;
 * - free phase: nothing is clamped; ⟨sᵢ sⱼ⟩⁻ is taken over the machine's own distribution;
 * - every weight moves by Δwᵢⱼ = (η / T)(⟨sᵢ sⱼ⟩⁺ − ⟨sᵢ sⱼ⟩⁻), and every bias by (η / T)(⟨sᵢ⟩⁺ − ⟨sᵢ⟩⁻):
 *   the gradient of the data's mean log-likelihood.
 *
 * W stays symmetric with a zero diagonal. Returns the weights and the mean log-likelihood before
 * training and after each epoch; reports phase `epochs` with it as `error`.
 */
export function learnBoltzmann(
  weights: BoltzmannWeights,
  temperature: number,
  data: readonly (readonly number[])[],
  options: BoltzmannLearning & { onProgress?: OnProgress },
): { weights: BoltzmannWeights; logLikelihoods: number[] } {
  const n = weights.b.length;
  const visibleStates = 2 ** weights.visible;
  let current: BoltzmannWeights = { w: weights.w.map((r) => [...r]), b: [...weights.b], visible: weights.visible };
  const logLikelihoods = [logLikelihood(current, temperature, data)];
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const p = boltzmannDistribution(current, temperature);
    const marginal = marginalOf(p, weights.visible);
    // Clamped: for data vector v, state (v, h) has probability p(v, h) / p(v); each vector weighs 1/N.
    const clamped = data.flatMap((v) => {
      const x0 = indexOf(v);
      return Array.from({ length: 2 ** (n - weights.visible) }, (_, h) => {
        const x = x0 + h * visibleStates;
        return [x, p[x]! / marginal[x0]! / data.length] as const;
      });
    });
    const plus = correlations(n, clamped);
    const minus = correlations(n, p.map((q, x) => [x, q] as const));
    const step = options.learningRate / temperature;
    const w = current.w.map((r) => [...r]);
    const b = [...current.b];
    for (let i = 0; i < n; i++) {
      b[i]! += step * (plus[i]![i]! - minus[i]![i]!);
      for (let j = i + 1; j < n; j++) {
        const dw = step * (plus[i]![j]! - minus[i]![j]!);
        w[i]![j]! += dw;
        w[j]![i]! += dw;
      }
    }
    current = { w, b, visible: weights.visible };
    const ll = logLikelihood(current, temperature, data);
    logLikelihoods.push(ll);
    options.onProgress?.({ phase: 'epochs', done: epoch, total: options.epochs, error: ll });
  }
  return { weights: current, logLikelihoods };
}
