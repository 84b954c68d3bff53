import definition from '../../zoo/deep-bidirectional-lstm';
import { deepContextStages, runDeepContext } from '../deep-context';
import { defineDemo } from '../types';
import params from './deep-bidirectional-lstm.params';

/** One bidirectional LSTM layer against two, at about the same number of weights, on the neighbour product (src/demos/deep-context.ts). */
export default defineDemo({
  params,
  backend: 'wasm',
  stages: deepContextStages,
  run: (values, progress) => runDeepContext(values, progress, definition.configs.demo!.seed),
});
