import * as tf from '@tensorflow/tfjs';
import { count, fields, seed, type ConfigOf } from '../architecture/config-schema';
import { defineArchitecture } from '../architecture/define';
import { copyBatch, copySteps, type CopyBatch } from '../network/datasets/copy-task';
import { dnc, interfaceSize } from '../network/layers/dnc';
import { createRandom } from '../network/numerics/random';

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

/**
 * The sizes the behaviour test and the demo compare the DNC and the LSTM at: a 10-unit controller
 * with one read head on 4-number memory locations (1,014 parameters with 4 locations) against 14
 * LSTM units (1,038), both on 2-bit vectors, batches of 8, seeded.
 */
export const COPY_SIZES = { bits: 2, controller: 10, width: 4, lstmUnits: 14, batch: 8, seed: 1 } as const;

/**
 * Largest global gradient norm a DNC training step takes (`clipNorm` of trainCopy): a rare huge
 * gradient through the memory would throw the weights far off.
 */
export const COPY_CLIP_NORM = 10;

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
