import { recallParams } from '../recall-params';

/** What the reader can change in the GRU demo: the delayed-recall task and the training budget. */
export default recallParams();
