import type * as tf from '@tensorflow/tfjs';
import { cellId, type Connection } from '../types';
import { sourced } from '../weight-source';
import type { LayerTracer } from './types';
import { onlyInbound } from './weights';
import { flatIndex, readWindow, windowTaps } from './local-window';

/** The layer's kernel as a flat array with its shape, and whether training may change it. */
function readKernel(layer: tf.layers.Layer): { values: Float32Array; shape: readonly number[]; trainable: boolean; variable: tf.LayerVariable } {
  const variable = layer.weights.find((w) => w.originalName.endsWith('/kernel'));
  if (!variable) throw new Error(`layer "${layer.name}" (${layer.getClassName()}): missing weight "kernel"`);
  const shape = variable.shape.map((d) => d ?? 0);
  return { values: variable.read().dataSync() as Float32Array, shape, trainable: layer.trainable && variable.trainable, variable };
}

/**
 * A convolution is a dense layer whose weight matrix is mostly structural zeros: input cell i feeds
 * output cell j only where a kernel tap lines them up, and every such pair along the image uses the
 * same tap. So each nonzero of that equivalent matrix becomes one `local` connection, and
 * `weight = "<layer>:<flat index of the tap in the kernel variable>"` names the one kernel weight it
 * uses: connections with equal `weight` are one shared parameter. Cells are numbered row-major over
 * (position…, channel), as tfjs lays the tensor out and as Flatten reads it.
 *
 * Conv1D / Conv2D: kernel [...taps, in, out]; output position o reads input o·stride + tap·dilation − pad.
 * Conv2DTranspose: kernel [...taps, out, in]; input position i writes output i·stride + tap − pad
 * (it is the gradient of a convolution with respect to that convolution's input).
 */
function traceConvolution(transposed: boolean): LayerTracer {
  return (layer, inbound, self) => {
    const source = onlyInbound(inbound, layer);
    const kernel = readKernel(layer);
    const window = readWindow(layer, kernel.shape.slice(0, -2), { transposed });
    const { input, output, inputChannels: cin, outputChannels: cout } = window;
    const size = output.reduce((a, b) => a * b, 1) * cout;
    if (input.reduce((a, b) => a * b, 1) * cin !== source.size)
      throw new Error(`layer "${layer.name}": expected ${source.size} input cells from "${source.id}", but its input shape holds ${input.reduce((a, b) => a * b, 1) * cin}`);

    const connections: Connection[] = [];
    const pairs = transposed ? windowTaps(input, output, window) : windowTaps(output, input, window);
    for (const { at, tap, reaches } of pairs) {
      const [inPos, outPos] = transposed ? [at, reaches] : [reaches, at];
      const tapIndex = flatIndex(tap, window.taps);
      for (let ci = 0; ci < cin; ci++)
        for (let co = 0; co < cout; co++) {
          const index = transposed ? (tapIndex * cout + co) * cin + ci : (tapIndex * cin + ci) * cout + co;
          if (kernel.values[index] === 0) continue;
          connections.push(
            sourced(
              {
            from: cellId(source.id, flatIndex(inPos, input) * cin + ci),
            to: cellId(self, flatIndex(outPos, output) * cout + co),
            kind: 'local',
            trainable: kernel.trainable,
            directed: true,
            weight: `${layer.name}:${index}`,
          },
              { variable: kernel.variable, indices: [index] },
            ),
          );
        }
    }
    // The Zoo calls a convolution's cells "kernel cells", which reads as one kernel per cell: the
    // note says how many kernels there are and where each is applied (a convolution: at every output
    // position; a transposed one: painted from every input position).
    const kernels = cout === 1 ? 'one kernel' : `${cout} kernels`;
    const positions = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
    const note = transposed ? `${kernels}, painted from ${positions(input)} positions` : `${kernels} at ${positions(output)} positions`;
    // Sorted by target cell then source, so the file lists each cell's window together.
    return { kind: 'cells', size, cellType: 'kernel', notes: [note], connections: connections.sort(byCells) };
  };
}

const cellNumber = (id: string) => Number(id.slice(id.lastIndexOf('.') + 1));
const byCells = (a: Connection, b: Connection) => cellNumber(a.to) - cellNumber(b.to) || cellNumber(a.from) - cellNumber(b.from);

export const traceConv = traceConvolution(false);
export const traceConvTranspose = traceConvolution(true);
