/**
 * Present only in the demo worker's bundle (the code that builds and runs the networks): browser
 * tests look for it to prove that bundle loads on Run and not before, and the worker hands it back
 * with each result, so `data-demo-runtime` on the page shows which code produced it.
 */
export const DEMO_MARKER = '__RUNNABLE_ZOO_DEMO__';
