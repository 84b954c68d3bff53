import * as tf from '@tensorflow/tfjs';
import { count, fields, seed, type ConfigOf } from '../architecture/config-schema';
import { defineArchitecture } from '../architecture/define';
import { addressingSize, NeuralTuringMachine, neuralTuringMachine, type NtmStep } from '../network/layers/neural-turing-machine';

const configSchema = fields({
  /** Bits per vector of the copy task: the input has one more channel (the delimiter), the output this many. */
  bits: count(),
  /** Units of the feed-forward controller. */
  units: count(),
  /** Memory rows N. */
  rows: count(),
  /** Memory row width M. */
  width: count(),
  /** Vectors per copy sequence for the forward-pass shape check: 2·length + 1 steps. */
  length: count(),
  seed: seed(),
});
export type NtmConfig = ConfigOf<typeof configSchema>;

/**
 * The Neural Turing Machine: the NeuralTuringMachine layer (controller, write head, read head,
 * memory; see src/network/layers/neural-turing-machine.ts) and an output layer reading the read
 * vector at every step, y_t = σ(W_o r_t + b_o): the answer comes from memory or not at all. (Graves
 * et al. let the output read the controller too; the article says what differs.) Any sequence
 * length runs (the time axis is unknown).
 */
function build(config: NtmConfig): tf.LayersModel {
  const input = tf.input({ shape: [null, config.bits + 1], name: 'input' });
  const machine = neuralTuringMachine({ units: config.units, rows: config.rows, width: config.width, seed: config.seed, name: 'machine' }).apply(input) as tf.SymbolicTensor;
  const output = tf.layers
    .dense({ units: config.bits, activation: 'sigmoid', name: 'output', kernelInitializer: tf.initializers.glorotUniform({ seed: config.seed + 100 }) })
    .apply(machine) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output, name: 'neural-turing-machine' });
}

/** The machine layer of a built NTM. */
export const machineOf = (model: tf.LayersModel): NeuralTuringMachine => model.getLayer('machine') as NeuralTuringMachine;

/** Every part's value at every step of the machine on `inputs` [batch, T, bits + 1] (caller disposes). */
export function runMachine(model: tf.LayersModel, inputs: tf.Tensor3D): NtmStep[] {
  return machineOf(model).unroll(inputs);
}

export default defineArchitecture<NtmConfig>({
  id: 'neural-turing-machine',
  name: 'Neural Turing machine',
  abbreviation: 'NTM',
  year: 2014,
  paper: {
    authors: ['Alex Graves', 'Greg Wayne', 'Ivo Danihelka'],
    title: 'Neural Turing Machines',
    venue: 'arXiv:1410.5401',
    year: 2014,
    url: 'https://arxiv.org/abs/1410.5401',
  },
  training: {
    method: 'backpropagation through time',
    summary:
      'The controller, its heads and the output layer are trained together by backpropagation through every step; the memory and the head weightings hold no weights: they are computed afresh for every sequence.',
  },
  summary:
    'A neural network controller coupled to an external memory matrix that it reads and writes through soft, differentiable attention: heads find rows by content and by position, so the whole machine trains by gradient descent.',
  family: 'memory',
  views: ['cells', 'unrolled'],
  configSchema,
  configs: {
    diagram: { bits: 2, units: 1, rows: 3, width: 2, length: 2, seed: 2 },
    demo: { bits: 3, units: 16, rows: 8, width: 4, length: 3, seed: 1 },
  },
  build,
  shapes: (c) => ({ input: [2 * c.length + 1, c.bits + 1], output: [2 * c.length + 1, c.bits] }),
  // The machine layer's cells are its read vector (what the output layer reads); its matrices are the
  // controller's (from the input and from the last read vector) and the controller's kernels to the
  // write head's addressing, to erase and add, and to the read head's addressing.
  size: (c) => [
    { group: 'input', cells: c.bits + 1, weights: 0, field: 'bits' },
    {
      group: 'machine',
      cells: c.width,
      weights: (c.bits + 1) * c.units + c.width * c.units + c.units * (2 * addressingSize(c.width) + 2 * c.width),
      field: 'units',
    },
    { group: 'output', cells: c.bits, weights: c.width * c.bits, field: 'bits' },
  ],
});
