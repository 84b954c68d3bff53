import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import demo, { DEMO_SIZES } from '../../src/demos/architectures/neural-turing-machine';
import params from '../../src/demos/architectures/neural-turing-machine.params';
import { parseParams } from '../../src/demos/params';
import { progressPlan, type ProgressUpdate } from '../../src/demos/progress-plan';
import ntm from '../../src/zoo/neural-turing-machine';
import { expectCopySequence, expectWatchedOwnNetwork, recordingWatcher } from '../support/watching';

describe('neural turing machine demo', () => {
  it('defaults to the definition’s demo configuration', () => {
    const { rows, longest } = parseParams(params, {});
    expect(ntm.configs.demo).toMatchObject({ rows, length: longest, bits: DEMO_SIZES.bits, width: DEMO_SIZES.width, units: DEMO_SIZES.units });
  });

  it('trains the NTM and the LSTM side by side on the same batches, shows both losses and the heads while learning, measures bits wrong against length, watches its own machine on a copy sequence and leaks no tensor', async () => {
    const updates: ProgressUpdate[] = [];
    const previews: (readonly string[])[] = [];
    const before = tf.memory().numTensors;
    const started = Date.now();
    let firstShown: { ms: number; batchesDone: number } | undefined;
    const show = (p: readonly string[]) => {
      firstShown ??= { ms: Date.now() - started, batchesDone: updates.length };
      previews.push(p);
    };
    const watcher = recordingWatcher();
    const values = parseParams(params, {});
    const result = await demo.run(values, progressPlan(demo.stages, (u) => updates.push(u), show, { watcher }));
    const seconds = (Date.now() - started) / 1000;
    console.log(`neural-turing-machine demo: first heat maps after ${firstShown?.ms} ms`);
    // The untrained heads are on screen before the first batch has trained.
    expect(firstShown?.batchesDone).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
    // The living diagram: the NTM itself (not the LSTM) at the living config, on a sequence of the longest trained length.
    const watched = expectWatchedOwnNetwork(demo.living!, values, watcher);
    expectCopySequence(watched.example[0]!, { bits: DEMO_SIZES.bits, length: values.longest });
    const metric = Object.fromEntries(result.metrics.map((m) => [m.name, m.value]));
    console.log(`neural-turing-machine demo at defaults: ${seconds.toFixed(1)} s, ${JSON.stringify(metric)}`);
    // Similar budgets: parameter counts within 5 %.
    expect(Math.abs(metric['ntm-params']! - metric['lstm-params']!) / metric['lstm-params']!).toBeLessThan(0.05);
    // Chance at 3 vectors of 3 bits is 4.5 bits wrong.
    expect(metric['ntm-trained']!).toBeLessThan(4.5);
    // Side by side: one report per batch for both networks.
    const { batches } = values;
    expect(updates.map((u) => `${u.stage} ${u.done}`)).toEqual([
      ...Array.from({ length: batches }, (_, b) => `both:batches ${b + 1}`),
      ...Array.from({ length: 6 }, (_, k) => `test:lengths ${k + 1}`),
    ]);
    // Once before training, after every batch (the worker spaces them): both losses and the heads;
    // then after each length tested, the bits-wrong curves so far.
    expect(previews).toHaveLength(batches + 1 + 6);
    expect(previews.at(-1)![0]).toContain('against its length so far');
    expect(previews[1]![0]).toContain(`Training loss per batch so far, 1 of ${batches}`);
    expect(previews[1]).toHaveLength(4);
    expect(result.plots).toHaveLength(5);
    // The figures the article prints from this run.
    const article = readFileSync(new URL('../../content/architectures/neural-turing-machine.mdx', import.meta.url), 'utf8');
    const f = (name: string) => metric[name]!.toFixed(2);
    expect(article).toContain(`at 3 vectors the NTM gets **${f('ntm-trained')}** bits wrong per sequence against the\nLSTM's **${f('lstm-trained')}**`);
    expect(article).toContain(`**${f('ntm-longer')}** against **${f('lstm-longer')}**`);
    expect(article).toContain(`4 numbers: ${metric['ntm-params']} parameters`);
    expect(article).toContain(`(${metric['lstm-params']}\nparameters)`);
    for (const plot of result.plots) expect(plot).toMatch(/^<svg[^>]* role="img"[^>]*><title>[^<]+<\/title><desc>[^<]+<\/desc>/);
  }, 180_000);
});
