import * as tf from '@tensorflow/tfjs';
import * as z from 'zod/mini';
import { defineArchitecture } from '../architecture/define';
import { count, counts, fields, fraction, seed, type ConfigOf } from '../architecture/config-schema';
import { MOVES, observe, step, type GridWorld } from '../network/environments/grid-world';
import { tdError, tdTarget } from '../network/layers/temporal-difference';
import { copyWeights, weightCopy } from '../network/layers/weight-copy';
import { createRandom } from '../network/numerics/random';
import type { OnProgress } from '../network/training/progress';

const convolution = z.strictObject({ filters: count(), kernel: count(), stride: count() }, { error: 'expected { filters, kernel, stride }' });

const configSchema = fields({
  /** Shape of a state: [features] for a vector, [height, width, frames] for stacked screen frames. */
  state: counts(),
  /** Convolutions over the frames (none for a vector state), each rectified, no padding. */
  convolutions: z.array(convolution, { error: 'expected a list of convolutions' }),
  /** Rectified dense layers after them. */
  hidden: counts(),
  /** One output per action. */
  actions: count(),
  /** The discount γ in the TD target. */
  gamma: fraction(),
  seed: seed(),
});
export type DqnConfig = ConfigOf<typeof configSchema>;

/**
 * The layers of one Q-network, online (`online-…`, trained) or target (`target-…`, fixed between copies),
 * applied to `x`. Both get the same initial weights (same seeds): the target starts as a copy. Each
 * target layer is followed by a WeightCopy marker naming the online layer it copies.
 */
function qNetwork(config: DqnConfig, x: tf.SymbolicTensor, role: 'online' | 'target'): tf.SymbolicTensor {
  const trainable = role === 'online';
  const init = (offset: number) => ({
    kernelInitializer: tf.initializers.heUniform({ seed: config.seed + offset }),
    biasInitializer: tf.initializers.zeros(),
  });
  const marked = (layer: tf.layers.Layer, input: tf.SymbolicTensor, name: string): tf.SymbolicTensor => {
    const out = layer.apply(input) as tf.SymbolicTensor;
    return trainable ? out : (weightCopy(`online-${name}`, `target-${name}-copy`).apply(out) as tf.SymbolicTensor);
  };
  let h = x;
  config.convolutions.forEach((c, i) => {
    const name = `conv${i + 1}`;
    h = marked(tf.layers.conv2d({ filters: c.filters, kernelSize: c.kernel, strides: c.stride, activation: 'relu', name: `${role}-${name}`, trainable, ...init(i) }), h, name);
  });
  if (config.convolutions.length > 0) h = tf.layers.flatten({ name: `${role}-flatten` }).apply(h) as tf.SymbolicTensor;
  config.hidden.forEach((units, i) => {
    const name = `hidden${i + 1}`;
    h = marked(tf.layers.dense({ units, activation: 'relu', name: `${role}-${name}`, trainable, ...init(10 + i) }), h, name);
  });
  return marked(tf.layers.dense({ units: config.actions, activation: 'linear', name: `${role}-values`, trainable, ...init(20) }), h, 'values');
}

/**
 * The whole of a DQN update as one model: the online Q-network on the state s gives Q(s, ·); the
 * target network, a copy of it, on the next state s′ gives Q̂(s′, ·); the TD target y = r + γ·c·max Q̂
 * (c = 0 where s′ ended the episode) and the output, the TD error δ_a = y − Q(s, a) for each action,
 * which training squares for the action taken. `qValues` runs the online network alone, to act.
 */
function build(config: DqnConfig): tf.LayersModel {
  const state = tf.input({ shape: [...config.state], name: 'state' });
  const next = tf.input({ shape: [...config.state], name: 'next-state' });
  const reward = tf.input({ shape: [1], name: 'reward' });
  const continues = tf.input({ shape: [1], name: 'continues' });
  const values = qNetwork(config, state, 'online');
  const nextValues = qNetwork(config, next, 'target');
  const target = tdTarget(config.gamma, 'td-target').apply([nextValues, reward, continues]) as tf.SymbolicTensor;
  const error = tdError('td-error').apply([values, target]) as tf.SymbolicTensor;
  return tf.model({ inputs: [state, next, reward, continues], outputs: error, name: 'deep-q-network' });
}

/** The online network's layers, in order. */
const onlineLayers = (model: tf.LayersModel) => model.layers.filter((l) => l.name.startsWith('online-'));

/** Q(s, ·) from the online network: [batch, actions] for states [batch, …]. */
export function qValues(model: tf.LayersModel, states: tf.Tensor): tf.Tensor2D {
  return tf.tidy(() => onlineLayers(model).reduce((h, layer) => layer.apply(h) as tf.Tensor, states) as tf.Tensor2D);
}

/** The action with the highest Q(s, a) for one state (the first, on a tie). */
export function greedyAction(model: tf.LayersModel, state: Float32Array): number {
  const q = tf.tidy(() => qValues(model, tf.tensor2d(state, [1, state.length])).dataSync());
  let best = 0;
  for (let a = 1; a < q.length; a++) if (q[a]! > q[best]!) best = a;
  return best;
}

export interface DqnTraining {
  readonly world: GridWorld;
  /** Moves in the world (one gradient step each, after `warmup`). */
  readonly steps: number;
  readonly batchSize: number;
  /** Transitions the replay memory keeps: the oldest go first. */
  readonly memory: number;
  /** Moves made before learning starts, filling the memory. */
  readonly warmup: number;
  readonly learningRate: number;
  /** ε-greedy: ε falls linearly from `from` to `to` over the first `over` moves, then stays. */
  readonly epsilon: { readonly from: number; readonly to: number; readonly over: number };
  /** C: the target network becomes a copy of the online one every C gradient steps (1: every step, so no separate target). */
  readonly targetEvery: number;
  /** Seed of exploration and of the replay samples. */
  readonly seed: number;
  /** Called after each episode with its number (from 1) and its return. */
  readonly onEpisode?: (episode: number, ret: number) => void;
  /** Called after each target copy with the number of gradient steps so far. */
  readonly onCopy?: (gradientSteps: number) => void;
  /** Every 25 moves and after the last: moves done, the last episode's return as the error. */
  readonly onProgress?: OnProgress;
}

export interface DqnHistory {
  /** The return of each episode played while training (exploring), in order. */
  readonly returns: number[];
  readonly gradientSteps: number;
  readonly copies: number;
}

/**
 * Deep Q-learning as the Nature paper runs it, at the size of a grid world: act ε-greedily with the
 * online network, keep every transition in a replay memory, and after each move take one gradient
 * step on a minibatch drawn uniformly from it, towards targets from the target network, which is
 * replaced by a copy of the online network every C steps. The loss is the Huber loss of δ for the
 * action taken (the paper clips the error's gradient to [−1, 1], which is the same thing); the
 * optimizer is Adam (the paper used RMSProp).
 */
export function trainDqn(model: tf.LayersModel, options: DqnTraining): DqnHistory {
  const { world } = options;
  const size = world.rows * world.columns;
  const actions = MOVES.length;
  const [inputSize] = model.inputs[0]!.shape.slice(1);
  if (inputSize !== size || model.outputs[0]!.shape[1] !== actions)
    throw new Error(`trainDqn: expected a network of ${size} inputs (one per cell) and ${actions} actions, but got ${inputSize} and ${model.outputs[0]!.shape[1]}`);
  const random = createRandom(options.seed);
  const memory: { s: number; a: number; r: number; next: number; c: number }[] = [];
  const optimizer = tf.train.adam(options.learningRate);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const returns: number[] = [];
  let gradientSteps = 0;
  let copies = 0;
  let cell = world.start;
  let moves = 0;
  let total = 0;
  copyWeights(model);
  try {
    for (let t = 0; t < options.steps; t++) {
      const { from, to, over } = options.epsilon;
      const epsilon = t >= over ? to : from + ((to - from) * t) / over;
      const action = random.next() < epsilon ? Math.floor(random.next() * actions) : greedyAction(model, observe(world, cell));
      const s = step(world, cell, action);
      memory.push({ s: cell, a: action, r: s.reward, next: s.next, c: s.done ? 0 : 1 });
      if (memory.length > options.memory) memory.shift();
      total += s.reward;
      moves++;
      cell = s.next;
      if (s.done || moves === world.maxSteps) {
        returns.push(total);
        options.onEpisode?.(returns.length, total);
        cell = world.start;
        moves = 0;
        total = 0;
      }
      if ((t + 1) % 25 === 0 || t + 1 === options.steps)
        options.onProgress?.({ phase: 'train', done: t + 1, total: options.steps, ...(returns.length > 0 ? { error: returns.at(-1)! } : {}) });
      if (t + 1 < options.warmup) continue;
      const batch = Array.from({ length: options.batchSize }, () => memory[Math.floor(random.next() * memory.length)]!);
      tf.tidy(() => {
        const oneHot = (cells: number[]) => tf.oneHot(tf.tensor1d(cells, 'int32'), size).toFloat();
        const inputs = [oneHot(batch.map((b) => b.s)), oneHot(batch.map((b) => b.next)), tf.tensor2d(batch.map((b) => b.r), [batch.length, 1]), tf.tensor2d(batch.map((b) => b.c), [batch.length, 1])];
        const taken = tf.oneHot(tf.tensor1d(batch.map((b) => b.a), 'int32'), actions).toFloat();
        optimizer.minimize(() => {
          const delta = tf.sum(tf.mul(model.apply(inputs) as tf.Tensor, taken), 1);
          return tf.losses.huberLoss(tf.zerosLike(delta), delta) as tf.Scalar;
        }, false, variables);
      });
      gradientSteps++;
      if (gradientSteps % options.targetEvery === 0) {
        copyWeights(model);
        copies++;
        options.onCopy?.(gradientSteps);
      }
    }
  } finally {
    optimizer.dispose();
  }
  return { returns, gradientSteps, copies };
}

/** Nature paper, Methods: 84×84×4 frames, 32 8×8 kernels at stride 4, 64 4×4 at stride 2, 64 3×3 at stride 1, 512 rectified units, one output per action (18: the full Atari action set). */
const canonical: DqnConfig = {
  state: [84, 84, 4],
  convolutions: [
    { filters: 32, kernel: 8, stride: 4 },
    { filters: 64, kernel: 4, stride: 2 },
    { filters: 64, kernel: 3, stride: 1 },
  ],
  hidden: [512],
  actions: 18,
  gamma: 0.99,
  seed: 1,
};

export default defineArchitecture<DqnConfig>({
  id: 'deep-q-network',
  name: 'Deep Q-network',
  abbreviation: 'DQN',
  year: 2015,
  paper: {
    authors: [
      'Volodymyr Mnih',
      'Koray Kavukcuoglu',
      'David Silver',
      'Andrei A. Rusu',
      'Joel Veness',
      'Marc G. Bellemare',
      'Alex Graves',
      'Martin Riedmiller',
      'Andreas K. Fidjeland',
      'Georg Ostrovski',
      'Stig Petersen',
      'Charles Beattie',
      'Amir Sadik',
      'Ioannis Antonoglou',
      'Helen King',
      'Dharshan Kumaran',
      'Daan Wierstra',
      'Shane Legg',
      'Demis Hassabis',
    ],
    title: 'Human-level control through deep reinforcement learning',
    venue: 'Nature 518 (7540), 529–533',
    year: 2015,
    url: 'https://doi.org/10.1038/nature14236',
  },
  training: {
    method: 'deep Q-learning: experience replay and a periodically copied target network',
    summary:
      'Only the online network is trained, by gradient steps on minibatches drawn from a replay memory, towards targets r + γ·max Q̂ computed by the target network; the target network is never trained: every C steps its weights are replaced by a copy of the online network’s.',
  },
  summary: 'A convolutional network that estimates, from the screen, how much reward each action will bring, trained by Q-learning against a periodically frozen copy of itself, on transitions replayed from memory.',
  family: 'reinforcement',
  views: ['cells', 'layers'],
  configs: {
    diagram: { state: [4], convolutions: [], hidden: [3], actions: 2, gamma: 0.9, seed: 1 },
    demo: { state: [25], convolutions: [], hidden: [32], actions: 4, gamma: 0.9, seed: 3 },
    canonical,
  },
  published: {
    params: 1_693_362,
    trainableOnly: true,
    source:
      'No total in the paper: counted layer by layer from its Methods (conv 8·8·4·32 + 32, 4·4·32·64 + 64, 3·3·64·64 + 64; dense 7·7·64·512 + 512; 512·18 + 18 for 18 actions); the target network’s copy, never trained, is not counted',
    url: 'https://doi.org/10.1038/nature14236',
  },
  configSchema,
  build,
  shapes: (c) => ({ input: [...c.state], moreInputs: [[...c.state], [1], [1]], output: [c.actions] }),
});
