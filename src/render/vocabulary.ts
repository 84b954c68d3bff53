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
  // What sparse means in general; a diagram whose sparse ties are all one-to-one says so instead (SPARSE_ONE_TO_ONE).
  sparse: 'sparse: only some pairs connected',
  recurrent: 'recurrent: delayed one step (t−1 → t)',
  residual: 'residual (skip): identity, added, no weight',
  pool: 'pooling: reads its window (max or mean), no weight',
  normalise: 'normalisation: reads its position’s mean and spread, no weight',
  attention: 'attention: reads every source position, no weight',
  carry: 'carry: the state itself, kept to the next step, no weight',
  coefficient: 'coefficient: computed for each input, scales the reads',
  sample: 'sample: drawn from the distribution μ, σ give, no weight',
  data: 'real data: enters in place of generated samples, no weight',
  copy: 'copy: the weights into this cell are a periodic copy of those into that one',
};

/** Legend wording for a line scaled by a coefficient computed per input (Connection.scaledBy), by coefficient. */
export const scaledLabel = (coefficient: string): string => `⊗ scaled by ${coefficient}, computed for each input`;

/** The legend's `sparse` entry where every sparse connection ties cell i to cell i (src/graph/one-to-one.ts). */
export const SPARSE_ONE_TO_ONE = 'sparse, one-to-one: cell i to cell i only';
