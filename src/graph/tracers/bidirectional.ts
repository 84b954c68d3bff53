import type * as tf from '@tensorflow/tfjs';
import { isDelayed, type Connection } from '../types';
import { rewritten } from '../weight-source';
import type { ConcatPart, LayerTracer } from './types';

/** What tfjs's Bidirectional wrapper (tfjs-layers, layers/wrappers.js) holds: two copies of one recurrent layer. */
interface BidirectionalLayer extends tf.layers.Layer {
  readonly forwardLayer: RecurrentLayer;
  readonly backwardLayer: RecurrentLayer;
  readonly mergeMode?: string | null;
}
interface RecurrentLayer extends tf.layers.Layer {
  /** True where the layer reads its sequence from the last step to the first. */
  readonly goBackwards?: boolean;
}

/** A recurrent layer class as readers know it: SimpleRNN is the plain RNN; LSTM and GRU keep their names. */
const readableClass = (className: string): string => className.replace(/^Simple/, '');

/** "layer 2 " for a wrapper named `bidirectional_2`, nothing for one without a numeric suffix. */
const layerOrdinal = (name: string): string => {
  const k = /_(\d+)$/.exec(name)?.[1];
  return k === undefined ? '' : `layer ${k} `;
};

const isBidirectional = (layer: tf.layers.Layer): layer is BidirectionalLayer =>
  'forwardLayer' in layer && 'backwardLayer' in layer;

/**
 * A chain that reads the sequence from its end has its state at t computed from its state at t+1:
 * its recurrent connections run backward in time (delay −1). tfjs reverses that chain's outputs back
 * into sequence order before merging, so its cell at step t really is the one that has seen steps
 * t … T, and the layers after it read it at step t.
 */
const inTimeDirection = (connections: readonly Connection[], backward: boolean): Connection[] =>
  connections.map((c) => (backward && isDelayed(c) ? rewritten(c, { delay: -1 }) : c));

/**
 * Bidirectional(layer) with mergeMode "concat" (tfjs's default): two copies of the wrapped recurrent
 * layer, `forward_<name>` reading the sequence from start to end and `backward_<name>` (goBackwards)
 * from end to start, both fed by the input, their outputs concatenated (forward cells first). Each
 * copy is traced by the tracer of the wrapped class (`lookup`, the tracer table: passed in rather
 * than imported, since the table lists this tracer too), as a group of its own; the backward copy's
 * delayed connections (recurrent weights, carried state) are marked as running from t+1 to t. Each is
 * labelled for readers by its direction and the wrapped class ("forward LSTM", "backward RNN"); its id
 * stays the copy's name. Other merge modes (sum, mul, ave, none)
 * mix or split the two chains' cells in ways a concatenation does not describe, and are refused.
 */
export function bidirectionalTracer(lookup: (className: string) => LayerTracer | undefined): LayerTracer {
  return (layer, inbound) => {
    if (!isBidirectional(layer)) throw new Error(`layer "${layer.name}" (${layer.getClassName()}): expected a Bidirectional wrapper with forwardLayer and backwardLayer`);
    const mergeMode = layer.mergeMode === undefined ? 'concat' : layer.mergeMode;
    if (mergeMode !== 'concat')
      throw new Error(`layer "${layer.name}" (Bidirectional): expected mergeMode "concat", but got ${JSON.stringify(mergeMode)}`);
    const parts = [layer.forwardLayer, layer.backwardLayer].map((inner): ConcatPart => {
      const className = inner.getClassName();
      const tracer = lookup(className);
      if (!tracer) throw new Error(`layer "${layer.name}" (Bidirectional): no tracer for the wrapped layer class "${className}"`);
      const traced = tracer(inner, inbound, inner.name);
      if (traced.kind !== 'cells') throw new Error(`layer "${layer.name}" (Bidirectional): expected the wrapped "${className}" to own cells, but it traced as ${traced.kind}`);
      const backward = inner.goBackwards === true;
      const direction = backward ? 'runs backward: t+1 → t' : 'runs forward: t−1 → t';
      return {
        ...traced,
        id: inner.name,
        // Named for readers by what it is and which way it reads, not by its generated layer name.
        // A stacked wrapper named `…_k` (deep-bidirectional-lstm) says which layer it is.
        label: `${layerOrdinal(layer.name)}${backward ? 'backward' : 'forward'} ${readableClass(className)}`,
        layerClass: className,
        notes: [...(traced.notes ?? []), direction],
        connections: inTimeDirection(traced.connections, backward),
      };
    });
    return { kind: 'concat', parts };
  };
}
