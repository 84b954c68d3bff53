import definition from '../../zoo/bidirectional-gru';
import { futureContextNetwork, futureContextStages, runFutureContext } from '../future-context';
import { defineDemo } from '../types';
import params from './bidirectional-gru.params';

/** Forward-only against bidirectional, gru cells, on filling each position from its neighbours (src/demos/future-context.ts). */
export default defineDemo({
  params,
  living: { architecture: definition, config: (values) => futureContextNetwork(definition, values) },
  // WebAssembly: 2.8 s against 5.5 s on the CPU backend (median of 3 runs each, Chromium, 2-core
  // machine, bench/demo-backends.ts), the same test errors on both.
  backend: 'wasm',
  stages: futureContextStages('gru'),
  run: (values, progress) => runFutureContext(definition, 'gru', values, progress),
});
