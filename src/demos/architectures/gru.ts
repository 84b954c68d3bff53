import { recallComparison } from '../recall-comparison';

/** The plain recurrent network and the GRU learn delayed recall side by side. */
export default recallComparison(['rnn', 'gru']);
