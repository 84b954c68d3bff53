import * as tf from '@tensorflow/tfjs';
import { createRandom } from '../numerics/random';

export interface MarkovChainArgs {
  /** Number of states N. */
  readonly states: number;
  readonly name?: string;
}

/** How far a row of P may be from summing to 1, or an entry from [0, 1], in float32. */
const STOCHASTIC_TOLERANCE = 1e-5;

/**
 * A finite Markov chain as a recurrent layer. Its one weight, `transitions` P [N × N], is fixed (not
 * trainable) and row-stochastic: P[i][j] is the probability of moving from state i to state j in one
 * step, so every row sums to 1; P[i][i] > 0 is a self-transition.
 *
 * What the layer computes is the chain's distribution over states, one step at a time. It reads a
 * sequence x_1 … x_T [batch × T × N] and returns s_1 … s_T, from s_0 = 0:
 *
 *   s_t = s_{t−1} P + x_t
 *
 * x_t is probability mass arriving at step t, added as it is: feed the starting distribution π₀ as
 * x_1 and zeros after it, and s_t = π₀ P^{t−1}, the distribution after t − 1 steps. P itself is the
 * only weight; the arrivals are no weight. `walk` samples one path of the chain from the same P.
 *
 * `cell` is the one step, s_t from (x_t, s_{t−1}), in the shape tfjs's RNN cells have (`stateSize`,
 * `call([x, s]) → [s, s]`), so a step can be run on its own.
 */
export class MarkovChain extends tf.layers.Layer {
  static readonly className = 'MarkovChain';
  readonly states: number;
  readonly cell: { readonly stateSize: number; call(inputs: tf.Tensor[], kwargs?: object): tf.Tensor[] };
  private transitions?: tf.LayerVariable;

  constructor(args: MarkovChainArgs) {
    super({ name: args.name, trainable: false });
    if (!Number.isInteger(args.states) || args.states < 1) throw new Error(`MarkovChain: expected states to be a positive integer, but got ${args.states}`);
    this.states = args.states;
    this.cell = {
      stateSize: args.states,
      call: ([x, s]) => {
        const next = tf.tidy(() => tf.add(tf.matMul(s as tf.Tensor2D, this.matrix()), x!));
        return [next, next];
      },
    };
  }

  private matrix(): tf.Tensor2D {
    if (!this.transitions) throw new Error(`MarkovChain "${this.name}": not built yet`);
    return this.transitions.read() as tf.Tensor2D;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    if (shape.at(-1) !== this.states) throw new Error(`MarkovChain: expected inputs of ${this.states} states, but got ${shape.at(-1)}`);
    // The identity: the chain that never moves, a valid row-stochastic start until P is set.
    this.transitions = this.addWeight('transitions', [this.states, this.states], 'float32', tf.initializers.identity({ gain: 1 }), undefined, false);
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0]! : inputs) as tf.Tensor3D;
      const steps = tf.unstack(x, 1) as tf.Tensor2D[];
      const p = this.matrix();
      let s: tf.Tensor2D = tf.zeros([x.shape[0], this.states]);
      const out: tf.Tensor2D[] = [];
      for (const xt of steps) {
        s = tf.add(tf.matMul(s, p), xt);
        out.push(s);
      }
      return tf.stack(out, 1);
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
  }

  /** P as rows: P[i][j] = probability of the step i → j. */
  transitionMatrix(): number[][] {
    return this.matrix().arraySync();
  }

  /** Sets P, refusing a matrix of the wrong size or one that is not row-stochastic. */
  setTransitions(p: readonly (readonly number[])[]): void {
    const problem = stochasticProblem(p, this.states);
    if (problem) throw new Error(`MarkovChain "${this.name}": ${problem}`);
    tf.tidy(() => void this.transitions!.write(tf.tensor2d(p as number[][])));
  }

  /**
   * One path of the chain from state `start`: `steps` states after it, each drawn from the row of P
   * of the state before (seeded, so the same seed walks the same path). Returns the states visited
   * after the start, in order.
   */
  walk(start: number, steps: number, seed: number): Int32Array {
    return walkChain(this.transitionMatrix(), start, steps, seed);
  }

  override getConfig(): tf.serialization.ConfigDict {
    // returnSequences: it answers with a state at every step, as an RNN layer that returns sequences does.
    return { ...super.getConfig(), states: this.states, returnSequences: true };
  }
}
tf.serialization.registerClass(MarkovChain);

export const markovChain = (args: MarkovChainArgs): MarkovChain => new MarkovChain(args);

/** Why `p` is not an N × N row-stochastic matrix, or undefined when it is. */
export function stochasticProblem(p: readonly (readonly number[])[], states: number): string | undefined {
  if (p.length !== states || p.some((row) => row.length !== states)) return `expected a ${states} × ${states} transition matrix`;
  for (const [i, row] of p.entries()) {
    if (row.some((v) => !(v >= -STOCHASTIC_TOLERANCE && v <= 1 + STOCHASTIC_TOLERANCE))) return `expected probabilities in [0, 1], but row ${i} is [${row.join(', ')}]`;
    const sum = row.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > STOCHASTIC_TOLERANCE) return `expected every row to sum to 1, but row ${i} sums to ${sum}`;
  }
  return undefined;
}

/** A seeded walk on the chain with transition matrix `p` (see MarkovChain.walk). */
export function walkChain(p: readonly (readonly number[])[], start: number, steps: number, seed: number): Int32Array {
  if (!Number.isInteger(start) || start < 0 || start >= p.length) throw new Error(`walk: expected a start state in 0–${p.length - 1}, but got ${start}`);
  if (!Number.isInteger(steps) || steps < 0) throw new Error(`walk: expected a whole number of steps, but got ${steps}`);
  const random = createRandom(seed);
  const path = new Int32Array(steps);
  let state = start;
  for (let t = 0; t < steps; t++) {
    const row = p[state]!;
    let u = random.next();
    let next = row.length - 1;
    for (let j = 0; j < row.length; j++) {
      u -= row[j]!;
      if (u < 0) {
        next = j;
        break;
      }
    }
    // Float rounding can leave u ≥ 0 after the last entry: fall back to the last state the row can reach.
    if (u >= 0) while (next > 0 && row[next] === 0) next--;
    path[t] = state = next;
  }
  return path;
}
