import type * as tf from '@tensorflow/tfjs';
import { TRACERS } from './tracers';
import type { InboundGroup } from './tracers/types';
import { cellId, type Cell, type CellGraph, type Connection, type Group } from './types';
import { validateGraph } from './validate';

/**
 * Reads the cell graph off a built tfjs model: one group per layer that owns units, one connection
 * per nonzero weight (per weight, zero or not, where a unit measures a distance to it: RBF centres,
 * SOM prototypes), trainable exactly when the weight is, and one fixed residual connection per cell
 * of an identity skip (`Add`), which has no weight matrix. Nothing here is written by hand.
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
      carrier.set(layer.name, { id: layer.name, size, order: groups.length });
      groups.push({ id: layer.name, label: layer.name, layerClass: className, cellType: 'input', size });
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
    if (traced.kind === 'alias') {
      const group = inbound.find((g) => g.id === traced.of);
      if (!group) throw new Error(`layer "${layer.name}" (${className}): aliases "${traced.of}", which is none of its inputs`);
      carrier.set(layer.name, group);
      connections.push(...(traced.connections ?? []));
      continue;
    }
    carrier.set(layer.name, { id: layer.name, size: traced.size, order: groups.length });
    groups.push({
      id: layer.name,
      label: layer.name,
      layerClass: className,
      cellType: traced.cellType,
      size: traced.size,
      ...(traced.notes ? { notes: traced.notes } : {}),
      ...(traced.lattice ? { lattice: traced.lattice } : {}),
    });
    connections.push(...traced.connections);
  }

  // Cells that carry a model output are output cells, whatever layer made them.
  const outputGroups = new Set(model.outputLayers.map((l) => carrier.get(l.name)?.id));
  const typed = groups.map((g) => (outputGroups.has(g.id) ? { ...g, cellType: 'output' as const } : g));
  const cells: Cell[] = typed.flatMap((g) =>
    Array.from({ length: g.size }, (_, index) => ({ id: cellId(g.id, index), group: g.id, index, type: g.cellType })),
  );
  return validateGraph({ architecture, groups: typed, cells, connections });
}
