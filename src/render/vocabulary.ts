import type { CellType, ConnectionKind } from '../graph/types';

/** Legend wording for each cell type (the Zoo's names). */
export const CELL_LABELS: Readonly<Record<CellType, string>> = {
  input: 'Input cell',
  'backfed-input': 'Backfed input cell',
  'noisy-input': 'Noisy input cell',
  hidden: 'Hidden cell',
  'probabilistic-hidden': 'Probabilistic hidden cell',
  'spiking-hidden': 'Spiking hidden cell',
  capsule: 'Capsule cell',
  output: 'Output cell',
  'match-input-output': 'Match input output cell',
  recurrent: 'Recurrent cell',
  memory: 'Memory cell',
  'gated-memory': 'Gated memory cell',
  kernel: 'Kernel',
  'convolution-pool': 'Convolution or pool',
};

/** Legend wording for each connection kind. */
export const KIND_LABELS: Readonly<Record<ConnectionKind, string>> = {
  dense: 'dense (layer to layer)',
  complete: 'complete (every cell to every cell)',
  local: 'local, weight-shared: same place in the window, same weight',
  sparse: 'sparse random',
  recurrent: 'recurrent: delayed one step (t−1 → t)',
  residual: 'residual (skip)',
  attention: 'attention: reads every source position, never trained',
};
