import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import demo from '../../src/demos/architectures/seq2seq';
import params from '../../src/demos/architectures/seq2seq.params';
import { parseParams } from '../../src/demos/params';
import { progressPlan, type ProgressUpdate } from '../../src/demos/progress-plan';
import seq2seq from '../../src/zoo/seq2seq';
import { expectWatchedOwnNetwork, recordingWatcher } from '../support/watching';

const article = () => readFileSync(new URL('../../content/architectures/seq2seq.mdx', import.meta.url), 'utf8');
const percent = (x: number) => `${(100 * x).toFixed(1)} %`;

describe('seq2seq demo', () => {
  it('defaults to the definition’s demo configuration', () => {
    const { steps, symbols } = parseParams(params, {});
    expect(seq2seq.configs.demo).toMatchObject({ steps, sourceSymbols: symbols, targetSymbols: symbols + 1 });
  });

  it('trains with teacher forcing, then loses letters free-running after its first mistake; reports and previews every minibatch, watches its own network on a held-out string, leaks no tensor, and the article prints its figures', async () => {
    const updates: ProgressUpdate[] = [];
    const previews: (readonly string[])[] = [];
    const before = tf.memory().numTensors;
    const started = Date.now();
    const watcher = recordingWatcher();
    const values = parseParams(params, {});
    const result = await demo.run(values, progressPlan(demo.stages, (u) => updates.push(u), (p) => previews.push(p), { watcher }));
    const seconds = (Date.now() - started) / 1000;
    expect(tf.memory().numTensors).toBe(before);
    // The living diagram: the network at the living config, on one source string and its teacher-forced previous letters, one-hot.
    const { example } = expectWatchedOwnNetwork(demo.living!, values, watcher);
    expect(example.map((x) => x.shape)).toEqual([
      [1, values.steps, values.symbols],
      [1, values.steps, values.symbols + 1],
    ]);
    for (const x of example) expect(Array.from(x.values).reduce((a, b) => a + b, 0), 'one letter a step').toBe(values.steps);
    const m = Object.fromEntries(result.metrics.map((x) => [x.name, x.value]));
    console.log(`seq2seq demo at defaults: ${seconds.toFixed(1)} s, ${JSON.stringify(m)}`);
    // Free running is never better overall, and after its first mistake it is clearly worse on the same steps.
    expect(m['free-symbols']!).toBeLessThan(m['forced-symbols']!);
    expect(m['after-free']!).toBeLessThan(m['after-forced']! - 0.1);
    expect(m['after-steps']!).toBeGreaterThan(50);
    expect(m['forced-symbols']!).toBeGreaterThan(0.6);
    // 600 training strings in minibatches of 50: 12 steps per epoch, 60 in the 5 epochs.
    expect(updates.map((u) => `${u.done}/${u.total}`)).toEqual(Array.from({ length: 60 }, (_, k) => `${k + 1}/60`));
    expect(previews).toHaveLength(60);
    expect(previews[0]![0]).toContain('after 1 of 60 minibatches');
    expect(result.plots).toHaveLength(3);
    for (const plot of result.plots) expect(plot).toMatch(/^<svg[^>]* role="img"[^>]*><title>[^<]+<\/title><desc>[^<]+<\/desc>/);
    const text = article();
    for (const name of ['forced-symbols', 'free-symbols', 'sequences', 'after-free', 'after-forced']) expect(text, name).toContain(`**${percent(m[name]!)}**`);
    expect(text).toContain(`${m['after-steps']} steps`);
  }, 180_000);
});
