import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { layerSources } from './src/export/layer-sources.plugin.mjs';

export default defineConfig({
  // virtual:layer-sources, for the generated TensorFlow.js code (src/export/tfjs-code.ts).
  plugins: [layerSources()],
  test: {
    include: ['tests/**/*.test.ts'],
    // Training a few small networks on the CPU backend takes seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    setupFiles: ['tests/support/setup.ts'],
    // vitest's default, one worker less than the cores, runs a 2-core machine's files one at a time;
    // a browser file's worker mostly waits for Chromium, so two workers keep both cores busy.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Concurrent tests per file: the browser files' page visits and demo runs (tests/support/site-browser.ts).
    maxConcurrency: 3,
  },
});
