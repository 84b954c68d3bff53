import type * as tf from '@tensorflow/tfjs';
import { WRITE_SLICES, headColumns, interfaceLayout, type DncCell } from '../../network/layers/dnc';
import { cellId, type Connection } from '../types';
import { carryConnections } from './carry';
import { gateConnections } from './gate-blocks';
import { LSTM_GATES } from './lstm';
import type { ConcatPart, LayerTrace } from './types';
import { connectionsOf, pickColumns, sliceRows, weightMatrix } from './weights';

/** What scales a write into memory row i, and a read of it: the write weighting and the read weighting, computed per input. */
export const WRITE_COEFFICIENT = 'wʷᵢ';
export const READ_COEFFICIENT = 'wʳᵢ';

const coefficient = (from: string, to: string): Connection => ({ from, to, kind: 'coefficient', directed: true });
const carried = (from: string, to: string): Connection => ({ from, to, kind: 'carry', directed: true });
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/**
 * An RNN layer running a DncCell (src/network/layers/dnc.ts), read into the groups the cell computes.
 * The layer outputs [h_t; r_t]: the controller and the read vectors are the parts a layer on top
 * reads; the rest (`internal`) are the cell's other values at each step, every one of which feeds the
 * output through them. Parts are listed in the order one step computes them:
 *
 * - controller: LSTM memory cells on [x_t; r_{t−1}] (dense from the input, recurrent from the read
 *   vectors and from itself, carry for c_t), kernel and recurrent kernel read from the cell's weights;
 * - heads: the interface vector ξ_t, one cell per number, dense from the controller (W_ξ, trained);
 * - write weighting wʷ (N) and read weightings wʳ (R·N): computed, never trained; what they are
 *   computed from reaches them as `coefficient` (the heads' keys, strengths, gates and modes; usage,
 *   for allocation; the links) or as a read of memory (content lookup: M_{t−1} for the write head,
 *   carried, and M_t for the read heads, `attention`); wʳ_{t−1} of the other locations reaches
 *   wʳ_t through the links (carry);
 * - memory (N·W): M_t[i, j] carries M_{t−1}[i, j]; the heads' erase e_j and write vector v_j reach it
 *   as weightless writes scaled by wʷᵢ (`attention`, scaledBy), and wʷᵢ itself as a coefficient;
 * - usage u (N), precedence p (N), links L (N·(N−1): the diagonal is always 0, no cell): carried from
 *   t−1, with what updates them (free gates, wʷ and wʳ of t−1, wʷ of t) as coefficients or carries;
 * - read vectors (R·W): memory row i, column j, read into r_j scaled by wʳᵢ (`attention`), and each
 *   wʳᵢ as a coefficient.
 */
export function traceDnc(layer: tf.layers.Layer, cell: DncCell, input: { id: string; size: number }): LayerTrace {
  const { controller: hUnits, locations: n, width: w, readHeads: r } = cell;
  const name = layer.name;
  const id = (part: string) => `${name}_${part}`;
  const controller = id('controller');
  const reads = id('reads');
  const writeHead = id('write_head');
  const readHeads = id('read_heads');
  const write = id('write_weighting');
  const read = id('read_weighting');
  const memory = id('memory');
  const usage = id('usage');
  const precedence = id('precedence');
  const links = id('links');
  const at = (group: string, index: number) => cellId(group, index);

  // Each number of the interface vector is a cell of the write head or of the read heads.
  const columns = headColumns(cell);
  const slices = new Map<string, { group: string; column: number; index: number }[]>();
  let column = 0;
  for (const { name: slice, size } of interfaceLayout(cell)) {
    const group = WRITE_SLICES.has(slice) ? writeHead : readHeads;
    const own = group === writeHead ? columns.write : columns.read;
    slices.set(slice.split(' ').slice(0, 2).join(' '), range(size).map(() => ({ group, column, index: own.indexOf(column++) })));
  }
  const slice = (key: string): string[] => slices.get(key)!.map((c) => at(c.group, c.index));
  const perHead = (key: string, head: number, per: number): string[] => slice(key).slice(head * per, (head + 1) * per);
  /** Link cell of (i, j), i ≠ j: row by row, the diagonal left out. */
  const link = (i: number, j: number): string => at(links, i * (n - 1) + (j < i ? j : j - 1));
  const mem = (i: number, j: number): string => at(memory, i * w + j);

  const kernel = weightMatrix(layer, 'kernel');
  const fromInput = sliceRows(kernel, 0, input.size);
  const fromReads = sliceRows(kernel, input.size, kernel.rows.length);
  const controllerIn = [
    ...gateConnections(fromInput, LSTM_GATES.length, input.id, controller, 'dense', name),
    ...gateConnections(fromReads, LSTM_GATES.length, reads, controller, 'recurrent', name),
    ...gateConnections(weightMatrix(layer, 'recurrent_kernel'), LSTM_GATES.length, controller, controller, 'recurrent', name),
    ...carryConnections(controller, hUnits),
  ];
  // W_ξ's columns, split between the two groups of head cells.
  const interfaceKernel = weightMatrix(layer, 'interface_kernel');
  const headsIn = (group: string): Connection[] => {
    const own = group === writeHead ? columns.write : columns.read;
    return connectionsOf(pickColumns(interfaceKernel, own), controller, group, 'dense');
  };

  const writeIn = range(n).flatMap((i) => [
    ...[...slice('write key'), ...slice('write strength'), ...slice('allocation gate'), ...slice('write gate')].map((k) => coefficient(k, at(write, i))),
    ...range(n).map((k) => coefficient(at(usage, k), at(write, i))),
    ...range(n * w).map((k) => carried(at(memory, k), at(write, i))),
  ]);
  const usageIn = range(n).flatMap((i) => [
    carried(at(usage, i), at(usage, i)),
    carried(at(write, i), at(usage, i)),
    ...range(r).flatMap((h) => [coefficient(slice('free gates')[h]!, at(usage, i)), carried(at(read, h * n + i), at(usage, i))]),
  ]);
  const memoryIn = range(n).flatMap((i) =>
    range(w).flatMap((j): Connection[] => [
      carried(mem(i, j), mem(i, j)),
      coefficient(at(write, i), mem(i, j)),
      ...[slice('erase e')[j]!, slice('write vector')[j]!].map((k): Connection => ({ from: k, to: mem(i, j), kind: 'attention', directed: true, scaledBy: WRITE_COEFFICIENT })),
    ]),
  );
  const precedenceIn = range(n).flatMap((i) => [carried(at(precedence, i), at(precedence, i)), ...range(n).map((k) => coefficient(at(write, k), at(precedence, i)))]);
  const linksIn = range(n).flatMap((i) =>
    range(n)
      .filter((j) => j !== i)
      .flatMap((j) => [carried(link(i, j), link(i, j)), coefficient(at(write, i), link(i, j)), coefficient(at(write, j), link(i, j)), carried(at(precedence, j), link(i, j))]),
  );
  const readIn = range(r).flatMap((h) =>
    range(n).flatMap((i): Connection[] => [
      ...[...perHead('read keys', h, w), ...perHead('read strengths', h, 1), ...perHead('read modes', h, 3)].map((k) => coefficient(k, at(read, h * n + i))),
      ...range(n * w).map((k): Connection => ({ from: at(memory, k), to: at(read, h * n + i), kind: 'attention', directed: true })),
      ...range(n)
        .filter((j) => j !== i)
        .flatMap((j) => [coefficient(link(i, j), at(read, h * n + i)), coefficient(link(j, i), at(read, h * n + i)), carried(at(read, h * n + j), at(read, h * n + i))]),
    ]),
  );
  const readsIn = range(r).flatMap((h) =>
    range(w).flatMap((j): Connection[] =>
      range(n).flatMap((i): Connection[] => [
        { from: mem(i, j), to: at(reads, h * w + j), kind: 'attention', directed: true, scaledBy: READ_COEFFICIENT },
        coefficient(at(read, h * n + i), at(reads, h * w + j)),
      ]),
    ),
  );

  /** The slices of ξ a head group holds, in order: "write key kʷ: 2", …. */
  const headNotes = (names: ReadonlySet<string>, inside: boolean): string[] =>
    interfaceLayout(cell)
      .filter((s) => names.has(s.name) === inside)
      .map((s) => `${s.name}: ${s.size}`);
  const part = (part: string, label: string, size: number, cellType: ConcatPart['cellType'], connections: Connection[], notes?: string[]): ConcatPart => ({
    kind: 'cells',
    id: part,
    label,
    layerClass: 'DncCell',
    size,
    cellType,
    connections,
    ...(notes ? { notes } : {}),
  });
  /** Computed within the step, not output. */
  const inside = (p: ConcatPart): ConcatPart => ({ ...p, internal: true });
  return {
    kind: 'concat',
    // In the order one step computes them; the controller and the read vectors are the output [h; r].
    parts: [
      part(controller, 'controller', hUnits, 'memory', controllerIn, ['LSTM on [xₜ; rₜ₋₁]', `each line: ${LSTM_GATES.length} gate weights`]),
      // The read head first, as its slices come first in ξ.
      inside(part(readHeads, r === 1 ? 'read head' : 'read heads', columns.read.length, 'hidden', headsIn(readHeads), headNotes(WRITE_SLICES, false))),
      inside(part(writeHead, 'write head', columns.write.length, 'hidden', headsIn(writeHead), headNotes(WRITE_SLICES, true))),
      inside(part(usage, 'usage', n, 'hidden', usageIn)),
      inside(part(write, 'write weighting', n, 'hidden', writeIn)),
      inside(part(memory, 'memory', n * w, 'memory', memoryIn, [`${n} locations × ${w}`])),
      inside(part(precedence, 'precedence', n, 'hidden', precedenceIn)),
      inside(part(links, 'temporal links', n * (n - 1), 'hidden', linksIn, ['L[i, j], i ≠ j'])),
      inside(part(read, r === 1 ? 'read weighting' : 'read weightings', r * n, 'hidden', readIn)),
      part(reads, 'read vectors', r * w, 'hidden', readsIn),
    ],
  };
}
