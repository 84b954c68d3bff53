import { addressingSize, NTM_OUTPUT_PARTS, type NeuralTuringMachine, type NtmPart } from '../../network/layers/neural-turing-machine';
import { cellId, type CellType, type Connection, type ConnectionKind } from '../types';
import type { ConcatPart, LayerTracer } from './types';
import { connectionsOf, onlyInbound, weightMatrix } from './weights';

/** How the diagram scales memory writes and reads: by the write and the read weighting, computed at every step. */
export const WRITE_COEFFICIENT = 'wᵂᵢ';
export const READ_COEFFICIENT = 'wᴿᵢ';

const LABELS: Readonly<Record<NtmPart, string>> = {
  controller: 'controller',
  write_head: 'write head',
  erase_add: 'erase, add',
  read_head: 'read head',
  write_weighting: 'write weighting',
  memory: 'memory',
  read_weighting: 'read weighting',
  read: 'read vector',
};

const CELL_TYPES: Readonly<Record<NtmPart, CellType>> = {
  controller: 'hidden',
  write_head: 'hidden',
  erase_add: 'hidden',
  read_head: 'hidden',
  write_weighting: 'hidden',
  memory: 'memory',
  read_weighting: 'hidden',
  read: 'hidden',
};

const every = (from: string, fromCells: Iterable<number>, to: string, toCells: number, kind: ConnectionKind, extra: Partial<Connection> = {}): Connection[] =>
  [...fromCells].flatMap((i) => Array.from({ length: toCells }, (_, j): Connection => ({ from: cellId(from, i), to: cellId(to, j), kind, directed: true, ...extra })));
const range = (start: number, end: number) => Array.from({ length: end - start }, (_, i) => start + i);

/**
 * NeuralTuringMachine: one layer, eight groups of cells (its parts; see the layer). Weights: the
 * controller's input kernel (dense) and read kernel (recurrent: r_{t−1} → h_t), and the kernels from
 * the controller to each head and to the erase and add vectors (dense), one connection per nonzero entry. Everything else is computed
 * afresh at every step and has no weight:
 * - a head's addressing parameters (key, β, g, shifts, γ) feed every cell of its weighting (coefficient);
 * - the weighting at t−1 feeds every cell of the weighting at t (carry: interpolation, shift and the
 *   sharpening's normalisation mix all rows);
 * - content addressing compares the key with every memory row: the write head with M_{t−1} (carry),
 *   the read head with M_t (attention, a read of the memory);
 * - memory row i keeps its own value from t−1 (carry), is scaled by the write weighting's row i
 *   (coefficient) and takes every erase and add component, scaled by wᵂᵢ (attention, ⊗);
 * - read component k reads every memory row, scaled by wᴿᵢ (attention, ⊗), and every read weighting
 *   cell sets one of those scales (coefficient).
 * Only the read vector is the layer's output (the output layer reads r_t).
 */
export const traceNeuralTuringMachine: LayerTracer = (layer, inbound) => {
  const ntm = layer as NeuralTuringMachine;
  const input = onlyInbound(inbound, layer);
  const [N, M] = [ntm.rows, ntm.width];
  const addressing = range(0, addressingSize(M));
  const connections: Record<NtmPart, Connection[]> = {
    controller: [...connectionsOf(weightMatrix(layer, 'kernel'), input.id, 'controller', 'dense'), ...connectionsOf(weightMatrix(layer, 'read_kernel'), 'read', 'controller', 'recurrent')],
    write_head: connectionsOf(weightMatrix(layer, 'write_kernel'), 'controller', 'write_head', 'dense'),
    erase_add: connectionsOf(weightMatrix(layer, 'erase_add_kernel'), 'controller', 'erase_add', 'dense'),
    read_head: connectionsOf(weightMatrix(layer, 'read_head_kernel'), 'controller', 'read_head', 'dense'),
    write_weighting: [
      ...every('write_head', addressing, 'write_weighting', N, 'coefficient'),
      ...every('memory', range(0, N), 'write_weighting', N, 'carry'),
      ...every('write_weighting', range(0, N), 'write_weighting', N, 'carry'),
    ],
    memory: [
      ...range(0, N).map((i): Connection => ({ from: cellId('memory', i), to: cellId('memory', i), kind: 'carry', directed: true })),
      ...range(0, N).map((i): Connection => ({ from: cellId('write_weighting', i), to: cellId('memory', i), kind: 'coefficient', directed: true })),
      ...every('erase_add', range(0, 2 * M), 'memory', N, 'attention', { scaledBy: WRITE_COEFFICIENT }),
    ],
    read_weighting: [
      ...every('read_head', addressing, 'read_weighting', N, 'coefficient'),
      ...every('memory', range(0, N), 'read_weighting', N, 'attention'),
      ...every('read_weighting', range(0, N), 'read_weighting', N, 'carry'),
    ],
    read: [...every('memory', range(0, N), 'read', M, 'attention', { scaledBy: READ_COEFFICIENT }), ...every('read_weighting', range(0, N), 'read', M, 'coefficient')],
  };
  const notes: Partial<Record<NtmPart, readonly string[]>> = {
    write_head: [`key ${M}, β, g, shifts ${3}, γ`],
    erase_add: [`erase ${M}, add ${M}`],
    read_head: [`key ${M}, β, g, shifts ${3}, γ`],
    memory: [`${N} rows of ${M}`],
    read: ['r = Σᵢ wᴿᵢ Mᵢ'],
  };
  const parts = (Object.keys(LABELS) as NtmPart[]).map(
    (part): ConcatPart => ({
      kind: 'cells',
      id: part,
      label: LABELS[part],
      layerClass: 'NeuralTuringMachine',
      size: ntm.partSize(part),
      cellType: CELL_TYPES[part],
      connections: connections[part],
      ...(notes[part] ? { notes: notes[part] } : {}),
      ...(NTM_OUTPUT_PARTS.includes(part) ? {} : { internal: true }),
    }),
  );
  return { kind: 'concat', parts };
};
