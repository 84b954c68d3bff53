import { recallComparison } from '../recall-comparison';

/** The plain recurrent network and the LSTM learn delayed recall side by side. */
// WebAssembly: 3.5 s against 6.1 s on the CPU backend (median of 3 runs each, Chromium, 2-core
// machine, bench/demo-backends.ts, at the defaults then: 200 steps), recall R² 0.961 on both.
export default recallComparison(['rnn', 'lstm'], 'wasm');
