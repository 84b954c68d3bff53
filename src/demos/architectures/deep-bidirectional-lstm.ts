import definition from '../../zoo/deep-bidirectional-lstm';
import { deepContextNetwork, deepContextStages, runDeepContext } from '../deep-context';
import { defineDemo } from '../types';
import params from './deep-bidirectional-lstm.params';

/** One bidirectional LSTM layer against two, at about the same number of weights, on the neighbour product (src/demos/deep-context.ts). */
export default defineDemo({
  params,
  living: { architecture: definition, config: deepContextNetwork },
  // WebAssembly, as the bidirectional demos (not timed against the CPU backend here). At its defaults
  // the browser test ran it twice in 5.7 s and in 7.5 s (Chromium, 2-core machine, load average ~9).
  backend: 'wasm',
  stages: deepContextStages,
  run: runDeepContext,
});
