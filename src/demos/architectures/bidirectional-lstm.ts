import definition from '../../zoo/bidirectional-lstm';
import { futureContextStages, runFutureContext } from '../future-context';
import { defineDemo } from '../types';
import params from './bidirectional-lstm.params';

/** Forward-only against bidirectional, lstm cells, on filling each position from its neighbours (src/demos/future-context.ts). */
export default defineDemo({
  params,
  stages: futureContextStages('lstm'),
  run: (values, progress) => runFutureContext('lstm', values, progress, definition.configs.demo!.seed),
});
