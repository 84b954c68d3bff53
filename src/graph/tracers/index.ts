import { traceAdd } from './add';
import { traceDense } from './dense';
import { traceRadialBasis } from './radial-basis';
import { traceSelfOrganisingMap } from './self-organising-map';
import { traceSimpleRnn } from './simple-rnn';
import type { LayerTracer } from './types';
import { onlyInbound } from './weights';

/** Layers without weights that act cell by cell: they add no cells and no connections. */
const traceElementwise: LayerTracer = (layer, inbound) => ({ kind: 'alias', of: onlyInbound(inbound, layer).id });

/** Which tracer reads which tfjs layer class. A new layer class gets one file and one line here. */
export const TRACERS: Readonly<Record<string, LayerTracer>> = {
  Dense: traceDense,
  SimpleRNN: traceSimpleRnn,
  RadialBasis: traceRadialBasis,
  SelfOrganisingMap: traceSelfOrganisingMap,
  Add: traceAdd,
  Activation: traceElementwise,
  Dropout: traceElementwise,
  Heaviside: traceElementwise,
};
