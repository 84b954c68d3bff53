import { cellId, type Connection } from '../types';
import type { LayerTracer } from './types';
import { onlyInbound } from './weights';
import { fixedShape, flatIndex, readWindow, windowTaps } from './local-window';

/**
 * Max and average pooling: each pooled cell reads its window of the same channel. There is no weight
 * to learn (average pooling multiplies by a constant 1/window, max pooling passes on the largest value),
 * so each window link is a `pool` connection: a weightless dependency, with no trainable flag and no
 * shared weight id. It is wiring, not a parameter.
 */
export const tracePool: LayerTracer = (layer, inbound, self) => {
  const source = onlyInbound(inbound, layer);
  const config = layer.getConfig();
  const rank = fixedShape(layer, 'input').length - 1;
  const poolSize = typeof config.poolSize === 'number' ? Array<number>(rank).fill(config.poolSize) : (config.poolSize as number[]);
  const window = readWindow(layer, poolSize, { transposed: false });
  const channels = window.inputChannels;
  const connections: Connection[] = [];
  for (const { at, reaches } of windowTaps(window.output, window.input, window))
    for (let c = 0; c < channels; c++)
      connections.push({
        from: cellId(source.id, flatIndex(reaches, window.input) * channels + c),
        to: cellId(self, flatIndex(at, window.output) * channels + c),
        kind: 'pool',
        directed: true,
      });
  const size = window.output.reduce((a, b) => a * b, 1) * channels;
  return { kind: 'cells', size, cellType: 'convolution-pool', connections };
};
