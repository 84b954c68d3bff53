import * as tf from '@tensorflow/tfjs';
import { count, fields, seed, type ConfigOf } from '../architecture/config-schema';
import { defineArchitecture } from '../architecture/define';
import { copyBatch, copySteps, type CopyBatch } from '../network/datasets/copy-task';
import { dnc, interfaceSize } from '../network/layers/dnc';
import { createRandom } from '../network/numerics/random';
import type { OnProgress } from '../network/training/progress';

const configSchema = fields({
  /** Bits per copied vector: the input has one more channel (the delimiter), the output one per bit. */
  bits: count(),
  /** LSTM units of the controller. */
  controller: count(),
  /** Memory locations N. */
  locations: count(),
  /** Numbers per memory location W. */
  width: count(),
  /** Read heads R (there is one write head). */
  readHeads: count(),
  /** Vectors per copy sequence, for the forward-pass shape check (the sequence has 2·length + 1 steps). */
  length: count(),
  seed: seed(),
});
export type DncConfig = ConfigOf<typeof configSchema>;

/**
 * A DNC for the copy task: tfjs's RNN running a DncCell (LSTM controller, interface vector, one
 * write head and `readHeads` read heads on a `locations` × `width` memory, with usage-based
 * allocation and temporal links; src/network/layers/dnc.ts), then a Dense layer with a sigmoid per
 * bit on [h_t; r_t]: y_t = σ(W_y [h_t; r_t] + b). Any sequence length runs (the time axis is open).
 */
function build(config: DncConfig): tf.LayersModel {
  const input = tf.input({ shape: [null, config.bits + 1], name: 'input' });
  const core = dnc({ controller: config.controller, locations: config.locations, width: config.width, readHeads: config.readHeads, seed: config.seed, name: 'dnc' }).apply(input) as tf.SymbolicTensor;
  const output = tf.layers
    .dense({ units: config.bits, activation: 'sigmoid', name: 'output', kernelInitializer: tf.initializers.glorotUniform({ seed: config.seed + 3 }) })
    .apply(core) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output, name: 'differentiable-neural-computer' });
}

/** An LSTM of about the same number of parameters for the copy task: the baseline the DNC is measured against. */
export function copyLstm(bits: number, units: number, seed: number): tf.LayersModel {
  const input = tf.input({ shape: [null, bits + 1], name: 'input' });
  const lstm = tf.layers
    .lstm({ units, returnSequences: true, name: 'lstm', kernelInitializer: tf.initializers.glorotUniform({ seed }), recurrentInitializer: tf.initializers.orthogonal({ seed: seed + 1 }) })
    .apply(input) as tf.SymbolicTensor;
  const output = tf.layers.dense({ units: bits, activation: 'sigmoid', name: 'output', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 }) }).apply(lstm) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output, name: 'copy-lstm' });
}

/**
 * The sizes the behaviour test and the demo compare the DNC and the LSTM at: a 10-unit controller
 * with one read head on 4-number memory locations (1,014 parameters with 4 locations) against 14
 * LSTM units (1,038), both on 2-bit vectors, batches of 8, seeded.
 */
export const COPY_SIZES = { bits: 2, controller: 10, width: 4, lstmUnits: 14, batch: 8, seed: 1 } as const;

export interface CopyTraining {
  /** Sequences per training batch. */
  readonly batch: number;
  readonly iterations: number;
  readonly learningRate: number;
  /** Copy lengths trained on: each batch draws one, uniformly, from 1 … maxLength. */
  readonly maxLength: number;
  readonly bits: number;
  readonly seed: number;
  readonly onProgress?: OnProgress;
  /** Whether to stop: checked between iterations (a demo's cancel). */
  readonly cancelled?: () => boolean;
}

/** Largest global gradient norm a training step takes: a rare huge gradient through the memory would throw the weights far off. */
const CLIP_NORM = 10;

const tensorsOf = (b: CopyBatch) => ({
  x: tf.tensor3d(b.inputs, [b.sequences, b.steps, b.bits + 1]),
  y: tf.tensor3d(b.targets, [b.sequences, b.steps, b.bits]),
  mask: tf.tensor3d(b.recall, [1, b.steps, 1]),
});

/**
 * Backpropagation through time with Adam on the binary cross-entropy of the recall steps only,
 * one fresh batch of copy sequences per iteration (seeded). Returns the loss per iteration (nats
 * per recalled bit). Reports phase `iterations`.
 */
export async function trainCopy(model: tf.LayersModel, options: CopyTraining): Promise<number[]> {
  const random = createRandom(options.seed);
  const optimizer = tf.train.adam(options.learningRate);
  const losses: number[] = [];
  try {
    for (let i = 0; i < options.iterations && !options.cancelled?.(); i++) {
      const length = 1 + Math.floor(random.next() * options.maxLength);
      const { x, y, mask } = tensorsOf(copyBatch({ bits: options.bits, length }, options.batch, random));
      const { value, grads } = tf.variableGrads(() =>
        tf.tidy(() => {
          const p = tf.clipByValue(model.apply(x, { training: true }) as tf.Tensor, 1e-6, 1 - 1e-6);
          const bce = tf.neg(tf.add(tf.mul(y, tf.log(p)), tf.mul(tf.sub(1, y), tf.log(tf.sub(1, p)))));
          return tf.div(tf.sum(tf.mul(bce, mask)), tf.sum(mask).mul(options.batch * options.bits)) as tf.Scalar;
        }),
      );
      // Gradients clipped to a global norm of CLIP_NORM, and a step whose gradient is not finite skipped.
      const norm = tf.tidy(() => Math.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g)))).dataSync()[0]!));
      if (Number.isFinite(norm)) {
        const scaled = Object.entries(grads).map(([name, g]) => ({ name, tensor: tf.mul(g, Math.min(1, CLIP_NORM / norm)) }));
        optimizer.applyGradients(scaled);
        tf.dispose(scaled.map((s) => s.tensor));
      }
      losses.push(value.dataSync()[0]!);
      tf.dispose([x, y, mask, value, ...Object.values(grads)]);
      options.onProgress?.({ phase: 'iterations', done: i + 1, total: options.iterations, error: losses.at(-1) });
      if (i % 5 === 4) await tf.nextFrame();
    }
    return losses;
  } finally {
    optimizer.dispose();
  }
}

/** The model's outputs for a copy batch, [sequences, steps, bits] flat: what bitErrors scores. */
export function predictCopy(model: tf.LayersModel, batch: CopyBatch): Float32Array {
  return tf.tidy(() => (model.predict(tensorsOf(batch).x) as tf.Tensor).dataSync() as Float32Array);
}

export const copyBatchFor = (config: Pick<DncConfig, 'bits' | 'length'>, sequences: number, seed: number): CopyBatch =>
  copyBatch({ bits: config.bits, length: config.length }, sequences, createRandom(seed));

export default defineArchitecture<DncConfig>({
  id: 'differentiable-neural-computer',
  name: 'Differentiable neural computer',
  abbreviation: 'DNC',
  year: 2016,
  paper: {
    authors: [
      'Alex Graves',
      'Greg Wayne',
      'Malcolm Reynolds',
      'Tim Harley',
      'Ivo Danihelka',
      'Agnieszka Grabska-Barwińska',
      'Sergio Gómez Colmenarejo',
      'Edward Grefenstette',
      'Tiago Ramalho',
      'John Agapiou',
      'Adrià Puigdomènech Badia',
      'Karl Moritz Hermann',
      'Yori Zwols',
      'Georg Ostrovski',
      'Adam Cain',
      'Helen King',
      'Christopher Summerfield',
      'Phil Blunsom',
      'Koray Kavukcuoglu',
      'Demis Hassabis',
    ],
    title: 'Hybrid computing using a neural network with dynamic external memory',
    venue: 'Nature 538, 471–476',
    year: 2016,
    url: 'https://doi.org/10.1038/nature20101',
  },
  training: {
    method: 'backpropagation through time',
    summary:
      'Controller and interface weights are trained end to end through the memory: every read and write is a weighted blend, so the error reaches the weights that chose where to write and read. Memory, usage, links and weightings are state, recomputed for every sequence, never trained.',
  },
  summary:
    'A recurrent controller that reads and writes an external memory matrix through differentiable heads, allocating free locations by usage and remembering the order it wrote them in, so it can store data and walk back through it.',
  family: 'memory',
  views: ['cells', 'unrolled'],
  configSchema,
  configs: {
    diagram: { bits: 1, controller: 1, locations: 2, width: 2, readHeads: 1, length: 2, seed: 4 },
    demo: { bits: 4, controller: 32, locations: 10, width: 8, readHeads: 1, length: 4, seed: 1 },
  },
  build,
  shapes: (c) => ({ input: [copySteps(c.length), c.bits + 1], output: [copySteps(c.length), c.bits] }),
  // The RNN layer's matrices: the controller's kernel on [x; r] and recurrent kernel (4 gates each),
  // and W_ξ from the controller to the interface vector; it outputs [h; r].
  size: (c) => {
    const reads = c.readHeads * c.width;
    const xi = interfaceSize(c);
    return [
      { group: 'input', cells: c.bits + 1, weights: 0, field: 'bits' },
      { group: 'dnc', cells: c.controller + reads, weights: 4 * c.controller * (c.bits + 1 + reads + c.controller) + c.controller * xi, field: 'controller' },
      { group: 'output', cells: c.bits, weights: (c.controller + reads) * c.bits, field: 'bits' },
    ];
  },
});
