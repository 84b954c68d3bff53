import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import demo from '../../src/demos/architectures/differentiable-neural-computer';
import params from '../../src/demos/architectures/differentiable-neural-computer.params';
import { parseParams } from '../../src/demos/params';
import { progressPlan, type ProgressUpdate } from '../../src/demos/progress-plan';
import { COPY_SIZES } from '../../src/zoo/differentiable-neural-computer';
import { expectCopySequence, expectWatchedOwnNetwork, recordingWatcher } from '../support/watching';

describe('differentiable neural computer demo', () => {
  it('trains the DNC and the LSTM side by side on the copy task, redraws both losses and the memory heat maps as they learn, measures bits wrong against length, watches its own DNC on a copy sequence, and leaks no tensor', async () => {
    const updates: ProgressUpdate[] = [];
    const previews: (readonly string[])[] = [];
    const before = tf.memory().numTensors;
    const started = Date.now();
    const watcher = recordingWatcher();
    const values = parseParams(params, {});
    const result = await demo.run(values, progressPlan(demo.stages, (u) => updates.push(u), (p) => previews.push(p), { watcher }));
    const seconds = (Date.now() - started) / 1000;
    expect(tf.memory().numTensors).toBe(before);
    // The living diagram: the DNC itself (not the LSTM) at the living config, on a sequence of the longest trained length.
    const watched = expectWatchedOwnNetwork(demo.living!, values, watcher);
    expectCopySequence(watched.example[0]!, { bits: COPY_SIZES.bits, length: values.maxLength });
    const metric = Object.fromEntries(result.metrics.map((m) => [m.name, m.value]));
    console.log(`differentiable-neural-computer demo at defaults: ${seconds.toFixed(1)} s, ${JSON.stringify(metric)}`);
    expect(metric['dnc-1']).toBe(0);
    expect(metric['dnc-2']!).toBeLessThan(1);
    expect(metric['dnc-6']!).toBeGreaterThan(metric['dnc-2']!);
    expect(updates.map((u) => `${u.stage} ${u.done}`)).toEqual([
      ...Array.from({ length: 30 }, (_, b) => `both:batches ${b + 1}`),
      ...Array.from({ length: 6 }, (_, k) => `test:lengths ${k + 1}`),
    ]);
    // One before training, then after every batch (the worker spaces them): both losses and the four
    // maps; then after each length tested, the bits-wrong curves so far.
    expect(previews).toHaveLength(1 + 30 + 6);
    expect(previews.at(-1)![0]).toContain('against its length so far');
    expect(previews[0]).toHaveLength(4);
    expect(previews[1]).toHaveLength(5);
    expect(previews[1]![0]).toContain('so far, 1 of 30');
    expect(result.plots).toHaveLength(6);
    for (const plot of result.plots) expect(plot).toMatch(/^<svg[^>]* role="img"[^>]*><title>[^<]+<\/title><desc>[^<]+<\/desc>/);
  }, 120_000);
});
