import definition from '../../zoo/bidirectional-gru';
import { futureContextStages, runFutureContext } from '../future-context';
import { defineDemo } from '../types';
import params from './bidirectional-gru.params';

/** Forward-only against bidirectional, gru cells, on filling each position from its neighbours (src/demos/future-context.ts). */
export default defineDemo({
  params,
  stages: futureContextStages('gru'),
  run: (values, progress) => runFutureContext('gru', values, progress, definition.configs.demo!.seed),
});
