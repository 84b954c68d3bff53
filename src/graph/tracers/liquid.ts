import type { LayerTracer } from './types';
import { carryConnections } from './carry';
import { connectionsOf, onlyInbound, weightMatrix } from './weights';

/**
 * SpikingLiquid (src/network/layers/leaky-integrate-and-fire.ts): an RNN running leaky
 * integrate-and-fire neurons. `kernel[i][k]` is the synapse from input i to neuron k, `recurrent_kernel[j][k]`
 * the one from neuron j (its spike at t−1) to neuron k; only the synapses that exist (nonzero) are
 * connections, the input ones `sparse` and the liquid's own `recurrent`, both fixed. Each neuron
 * also carries its own membrane potential and refractory count to the next step with no weight:
 * a `carry` connection k → k. The note counts the inhibitory neurons: those whose synapses out are negative.
 */
export const traceLiquid: LayerTracer = (layer, inbound, self) => {
  const source = onlyInbound(inbound, layer);
  const input = weightMatrix(layer, 'kernel');
  const recurrent = weightMatrix(layer, 'recurrent_kernel');
  const units = recurrent.rows.length;
  const inhibitory = recurrent.rows.filter((row) => row.some((w) => w < 0)).length;
  return {
    kind: 'cells',
    size: units,
    cellType: 'spiking-hidden',
    notes: ['leaky integrate-and-fire', `${inhibitory} of ${units} inhibitory`],
    connections: [...connectionsOf(input, source.id, self, 'sparse'), ...connectionsOf(recurrent, self, self, 'recurrent'), ...carryConnections(self, units)],
  };
};
