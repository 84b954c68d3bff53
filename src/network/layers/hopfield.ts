import * as tf from '@tensorflow/tfjs';
import { createRandom } from '../numerics/random';

export interface HopfieldArgs {
  readonly units: number;
  /** Most sweeps `call` runs before it stops, stable or not (a stored state is reached in a few). */
  readonly maxSweeps?: number;
  /** Seed of the order the units update in: a fresh permutation of all of them every sweep. */
  readonly seed?: number;
  readonly name?: string;
}

/** One sweep's outcome: the state after it, its energy, and how many units changed sign in it. */
export interface Sweep {
  readonly sweep: number;
  readonly state: readonly number[];
  readonly energy: number;
  readonly flips: number;
}

/** E(s) = −½ Σᵢ Σⱼ wᵢⱼ sᵢ sⱼ for a state of ±1 values and a symmetric W with a zero diagonal. */
export function energy(w: ArrayLike<number>, s: ArrayLike<number>): number {
  const n = s.length;
  let e = 0;
  for (let i = 0; i < n; i++) {
    let h = 0;
    for (let j = 0; j < n; j++) h += w[i * n + j]! * s[j]!;
    e += s[i]! * h;
  }
  return -e / 2;
}

/**
 * Fields this close to 0 are a tie (+1). Hebbian weights are multiples of 1/N, so a field is a
 * multiple of 1/N too, and a tie is exactly 0 in arithmetic; summed in floating point it can come
 * out as ±10⁻⁸ instead, and which side of 0 that lands on would decide the unit.
 */
const TIE = 1e-6;

/** The sign a unit takes for local field h: +1 where h ≥ 0 (a tie included), −1 below (a threshold of 0). */
export const unitSign = (h: number): number => (h >= -TIE ? 1 : -1);

/** One asynchronous update: which unit, in which sweep, the state after it (live: read it, do not keep it). */
export interface Update {
  readonly sweep: number;
  readonly unit: number;
  readonly state: readonly number[];
  /** Whether the unit changed sign. */
  readonly flipped: boolean;
  /** Units that changed sign so far in this sweep, this one included. */
  readonly flips: number;
  /** The sweep's last update: every unit has had its turn. */
  readonly endOfSweep: boolean;
}

/**
 * Asynchronous updates from `start` (read as signs: ≥ 0 is +1), one at a time, until a whole sweep
 * changes no unit, or `maxSweeps` sweeps. Each sweep visits every unit exactly once, in an order
 * drawn afresh from `random` (Fisher–Yates): unit i takes the sign of its field hᵢ = Σⱼ wᵢⱼ sⱼ,
 * computed from the current state, updates made earlier in the sweep included. Yields after every
 * update, so a caller can watch (or pause) between them.
 */
export function* updates(w: ArrayLike<number>, start: ArrayLike<number>, options: { random: { next(): number }; maxSweeps: number }): Generator<Update, number[]> {
  const n = start.length;
  const s = Array.from(start, (v) => unitSign(v));
  const order = Array.from({ length: n }, (_, i) => i);
  for (let sweep = 1; sweep <= options.maxSweeps; sweep++) {
    for (let k = n - 1; k > 0; k--) {
      const m = Math.floor(options.random.next() * (k + 1));
      [order[k], order[m]] = [order[m]!, order[k]!];
    }
    let flips = 0;
    for (let turn = 0; turn < n; turn++) {
      const i = order[turn]!;
      let h = 0;
      for (let j = 0; j < n; j++) h += w[i * n + j]! * s[j]!;
      const next = unitSign(h);
      const flipped = next !== s[i];
      if (flipped) {
        s[i] = next;
        flips++;
      }
      yield { sweep, unit: i, state: s, flipped, flips, endOfSweep: turn === n - 1 };
    }
    if (flips === 0) break;
  }
  return s;
}

/**
 * All of `updates`, to the end: the settled state. `onUpdate` sees every update, `onSweep` the state
 * after each sweep (return false from it to stop there).
 */
export function settle(
  w: ArrayLike<number>,
  start: ArrayLike<number>,
  options: {
    random: { next(): number };
    maxSweeps: number;
    onSweep?: (sweep: Sweep) => void | boolean;
    /** After every single update (unit `unit`, at `sweep`), with the live state: read it, do not keep it. */
    onUpdate?: (unit: number, state: readonly number[], sweep: number) => void;
  },
): number[] {
  const steps = updates(w, start, options);
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    const { unit, state, sweep, flips, endOfSweep } = step.value;
    options.onUpdate?.(unit, state, sweep);
    if (endOfSweep && options.onSweep?.({ sweep, state: [...state], energy: energy(w, state), flips }) === false) return [...state];
  }
}

/**
 * Hebb's rule, computed once: wᵢⱼ = (1/N) Σ_μ ξᵢ^μ ξⱼ^μ for i ≠ j, and wᵢᵢ = 0, for patterns of ±1
 * values. Returns W row-major [N × N]: symmetric, with a zero diagonal.
 */
export function hebbianWeights(patterns: readonly (readonly number[])[], units: number): Float32Array {
  const w = new Float32Array(units * units);
  for (const p of patterns) {
    if (p.length !== units) throw new Error(`hebbianWeights: expected patterns of ${units} values, but got ${p.length}`);
    for (let i = 0; i < units; i++) for (let j = i + 1; j < units; j++) {
      const v = (unitSign(p[i]!) * unitSign(p[j]!)) / units;
      w[i * units + j]! += v;
      w[j * units + i]! += v;
    }
  }
  return w;
}

/**
 * A Hopfield network as a layer: N binary units (±1) joined by one symmetric weight per pair and none
 * to themselves. Its one weight variable `weights` [N × N] holds each pair's weight once, above the
 * diagonal (entry [i][j], i < j, is wᵢⱼ = wⱼᵢ; the diagonal and below are 0): one number per pair,
 * as the network has. The full symmetric W the units use is that plus its transpose (weightValues).
 * Its input is the starting state (a value ≥ 0 is
 * +1, below 0 is −1) and its output the state the units settle in: asynchronous updates, every unit
 * once per sweep in a seeded random order, until a sweep changes nothing (settle). The units are
 * the input cells themselves, fed back: there are no other cells.
 *
 * The weights are learned, but by storing patterns (`store`: Hebb's rule, once), never by gradients:
 * `call` computes in plain JavaScript (the update is a sign), so no gradient reaches them.
 */
export class Hopfield extends tf.layers.Layer {
  static readonly className = 'Hopfield';
  readonly units: number;
  readonly maxSweeps: number;
  readonly seed: number;
  private kernel?: tf.LayerVariable;

  constructor(args: HopfieldArgs) {
    super({ name: args.name });
    if (!Number.isInteger(args.units) || args.units < 2) throw new Error(`Hopfield: expected units to be an integer ≥ 2, but got ${args.units}`);
    this.units = args.units;
    this.maxSweeps = args.maxSweeps ?? 50;
    this.seed = args.seed ?? 1;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    if (shape.at(-1) !== this.units) throw new Error(`Hopfield: expected ${this.units} inputs, but got ${shape.at(-1)}`);
    this.kernel = this.addWeight('weights', [this.units, this.units], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  /** The symmetric W the units use, row-major [N × N]: the stored upper triangle mirrored below the diagonal. */
  weightValues(): Float32Array {
    const n = this.units;
    const w = Float32Array.from(this.kernel!.read().dataSync());
    for (let i = 0; i < n; i++) {
      w[i * n + i] = 0;
      for (let j = i + 1; j < n; j++) w[j * n + i] = w[i * n + j]!;
    }
    return w;
  }

  /** Stores ±1 patterns by Hebb's rule, replacing what was stored: W = (1/N) Σ ξξᵀ with a zero diagonal, kept above it. */
  store(patterns: readonly (readonly number[])[]): void {
    const n = this.units;
    const w = hebbianWeights(patterns, n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) w[i * n + j] = 0;
    tf.tidy(() => void this.kernel!.write(tf.tensor2d(w, [n, n])));
  }

  /**
   * Settles one state with this layer's weights and order of updates (the seed's permutations, drawn
   * afresh each call, the same every call): what `call` does for each row. `onSweep` may return
   * false to stop early.
   */
  recall(start: readonly number[], hooks: Pick<Parameters<typeof settle>[2], 'onSweep' | 'onUpdate'> = {}): number[] {
    return settle(this.weightValues(), start, { random: createRandom(this.seed), maxSweeps: this.maxSweeps, ...hooks });
  }

  /** `updates` with this layer's weights and seed: one asynchronous update after another, for a caller to watch. */
  steps(start: readonly number[]): Generator<Update, number[]> {
    return updates(this.weightValues(), start, { random: createRandom(this.seed), maxSweeps: this.maxSweeps });
  }

  /**
   * One asynchronous update of `unit` in every row of `state`, the others left as they are: the step
   * that settling repeats. Shows what one unit reads: the others, through its row of W.
   */
  updateUnit(state: tf.Tensor2D, unit: number): tf.Tensor2D {
    const w = this.weightValues();
    const [rows, n] = state.shape;
    const s = state.dataSync();
    const out = Float32Array.from(s, (v) => unitSign(v));
    for (let r = 0; r < rows; r++) {
      let h = 0;
      for (let j = 0; j < n; j++) h += w[unit * n + j]! * out[r * n + j]!;
      out[r * n + unit] = unitSign(h);
    }
    return tf.tensor2d(out, [rows, n]);
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = (Array.isArray(inputs) ? inputs[0]! : inputs) as tf.Tensor2D;
    const [rows, n] = x.shape;
    const values = x.dataSync();
    const out = new Float32Array(rows * n);
    const w = this.weightValues();
    // Each row settles as `recall` would settle it alone: the seed's orders, from the first.
    for (let r = 0; r < rows; r++) out.set(settle(w, values.subarray(r * n, (r + 1) * n), { random: createRandom(this.seed), maxSweeps: this.maxSweeps }), r * n);
    return tf.tensor2d(out, [rows, n]);
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units, maxSweeps: this.maxSweeps, seed: this.seed };
  }
}
tf.serialization.registerClass(Hopfield);

export const hopfield = (args: HopfieldArgs): Hopfield => new Hopfield(args);
