import { traceCapsuleRouting, tracePrimaryCapsules } from './capsules';
import { traceCellRole } from './cell-role';
import { traceDense } from './dense';
import { traceGaussianNoise } from './gaussian-noise';
import { traceGaussianSampling } from './gaussian-sampling';
import { traceSimpleRnn } from './simple-rnn';
import type { LayerTracer } from './types';
import { onlyInbound } from './weights';

/** Layers without weights that act cell by cell: they add no cells and no connections. */
const traceElementwise: LayerTracer = (layer, inbound) => ({ kind: 'alias', of: onlyInbound(inbound, layer).id });

/** Which tracer reads which tfjs layer class. A new layer class gets one file and one line here. */
export const TRACERS: Readonly<Record<string, LayerTracer>> = {
  Dense: traceDense,
  SimpleRNN: traceSimpleRnn,
  Activation: traceElementwise,
  Dropout: traceElementwise,
  Heaviside: traceElementwise,
  CellRole: traceCellRole,
  PrimaryCapsules: tracePrimaryCapsules,
  CapsuleRouting: traceCapsuleRouting,
  CapsuleLength: traceElementwise,
  GaussianNoise: traceGaussianNoise,
  GaussianSampling: traceGaussianSampling,
};
