import type * as tf from '@tensorflow/tfjs';
import { TRACERS } from './tracers';
import { outputMatchesInput } from './output-role';
import type { InboundGroup } from './tracers/types';
import { cellId, type Cell, type CellGraph, type CellType, type Connection, type Group } from './types';
import { validateGraph } from './validate';

/** Output cells that keep their own type: a capsule's output is a vector whose length is the score. */
const KEEPS_TYPE_AS_OUTPUT: ReadonlySet<CellType> = new Set(['capsule']);

/**
 * Reads the cell graph off a built tfjs model: one group per layer that owns units, one connection
 * per nonzero weight, trainable exactly when the weight is. Nothing here is written by hand.
 */
export function traceModel(model: tf.LayersModel, architecture: string): CellGraph {
  const groups: Group[] = [];
  const connections: Connection[] = [];
  /** layer name → the group whose cells carry that layer's output. */
  const carrier = new Map<string, InboundGroup>();

  for (const layer of model.layers) {
    const className = layer.getClassName();
    if (className === 'InputLayer') {
      const shape = layer.batchInputShape;
      const size = shape[shape.length - 1];
      if (typeof size !== 'number') throw new Error(`input "${layer.name}": expected a fixed feature size, but got ${size}`);
      groups.push({ id: layer.name, label: layer.name, layerClass: className, cellType: 'input', size });
      carrier.set(layer.name, { id: layer.name, size });
      continue;
    }
    const tracer = TRACERS[className];
    if (!tracer) throw new Error(`layer "${layer.name}": no tracer for layer class "${className}" (known: ${Object.keys(TRACERS).join(', ')})`);
    const inbound = (layer.inboundNodes[0]?.inboundLayers ?? []).map((l) => {
      const group = carrier.get(l.name);
      if (!group) throw new Error(`layer "${layer.name}": input layer "${l.name}" was not traced first`);
      return group;
    });
    const traced = tracer(layer, inbound, layer.name);
    const retype = traced.inboundCellType;
    if (retype) {
      const retyped = new Set(inbound.map((g) => g.id));
      groups.forEach((g, i) => {
        if (retyped.has(g.id)) groups[i] = { ...g, cellType: retype };
      });
    }
    if (traced.kind === 'alias') {
      const group = carrier.get(traced.of);
      if (group) carrier.set(layer.name, group);
      continue;
    }
    groups.push({ id: layer.name, label: layer.name, layerClass: className, cellType: traced.cellType, size: traced.size });
    connections.push(...traced.connections);
    carrier.set(layer.name, { id: layer.name, size: traced.size });
  }

  // Cells that carry a model output are output cells, whatever layer made them (capsules excepted);
  // match-input-output cells where the model declares that its output reproduces its input (an autoencoder).
  const outputGroups = new Set(model.outputLayers.map((l) => carrier.get(l.name)?.id));
  const outputType = outputMatchesInput(model) ? ('match-input-output' as const) : ('output' as const);
  const typed = groups.map((g): Group => (outputGroups.has(g.id) && !KEEPS_TYPE_AS_OUTPUT.has(g.cellType) ? { ...g, cellType: outputType } : g));
  const cells: Cell[] = typed.flatMap((g) =>
    Array.from({ length: g.size }, (_, index) => ({ id: cellId(g.id, index), group: g.id, index, type: g.cellType })),
  );
  return validateGraph({ architecture, groups: typed, cells, connections });
}
