import definition from '../../zoo/bidirectional-rnn';
import { futureContextStages, runFutureContext } from '../future-context';
import { defineDemo } from '../types';
import params from './bidirectional-rnn.params';

/** Forward-only against bidirectional, simpleRNN cells, on filling each position from its neighbours (src/demos/future-context.ts). */
export default defineDemo({
  params,
  stages: futureContextStages('simpleRNN'),
  run: (values, progress) => runFutureContext('simpleRNN', values, progress, definition.configs.demo!.seed),
});
