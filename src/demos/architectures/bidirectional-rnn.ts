import definition from '../../zoo/bidirectional-rnn';
import { futureContextNetwork, futureContextStages, runFutureContext } from '../future-context';
import { defineDemo } from '../types';
import params from './bidirectional-rnn.params';

/** Forward-only against bidirectional, simpleRNN cells, on filling each position from its neighbours (src/demos/future-context.ts). */
export default defineDemo({
  params,
  living: { architecture: definition, config: (values) => futureContextNetwork(definition, values) },
  // WebAssembly: 2.7 s against 3.4 s on the CPU backend (median of 3 runs each, Chromium, 2-core
  // machine, bench/demo-backends.ts), the same test errors on both.
  backend: 'wasm',
  stages: futureContextStages('simpleRNN'),
  run: (values, progress) => runFutureContext(definition, 'simpleRNN', values, progress),
});
