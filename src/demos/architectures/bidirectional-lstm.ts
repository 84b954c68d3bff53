import definition from '../../zoo/bidirectional-lstm';
import { futureContextNetwork, futureContextStages, runFutureContext } from '../future-context';
import { defineDemo } from '../types';
import params from './bidirectional-lstm.params';

/** Forward-only against bidirectional, lstm cells, on filling each position from its neighbours (src/demos/future-context.ts). */
export default defineDemo({
  params,
  living: { architecture: definition, config: (values) => futureContextNetwork(definition, values) },
  // WebAssembly: 3.5 s against 4.8 s on the CPU backend (median of 3 runs each, Chromium, 2-core
  // machine, bench/demo-backends.ts), the same test errors on both.
  backend: 'wasm',
  stages: futureContextStages('lstm'),
  run: (values, progress) => runFutureContext(definition, 'lstm', values, progress),
});
