import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import demo from '../../src/demos/architectures/markov-chain';
import { parseParams } from '../../src/demos/params';
import { progressPlan, type ProgressUpdate } from '../../src/demos/progress-plan';
import mc from '../../src/zoo/markov-chain';

describe('markov-chain demo', () => {
  it('defaults to the definition’s demo configuration and a walk of 10,000 steps', () => {
    const { states, successors, stickiness, steps } = parseParams(demo.params, {});
    expect(mc.configs.demo).toMatchObject({ states, successors, stickiness });
    expect(steps).toBeCloseTo(10_000, 6);
  });

  it('walks the chain showing the visit counts as they accumulate, measures how close they come to π, and leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    const updates: ProgressUpdate[] = [];
    let previews = 0;
    const result = await demo.run(parseParams(demo.params, {}), progressPlan(demo.stages, (u) => updates.push(u), () => previews++));
    expect(tf.memory().numTensors).toBe(before);
    expect(previews).toBe(25);
    expect(updates.filter((u) => u.stage === 'walk:steps').map((u) => u.done).at(-1)).toBe(10_000);
    const metrics = Object.fromEntries(result.metrics.map((m) => [m.name, m.value]));
    // The figures the article prints: 0.187 after 100 steps, 0.012 after 10,000, π_t within 0.01 after 9.
    expect(metrics['tv-short']!.toFixed(3)).toBe('0.187');
    expect(metrics.tv!.toFixed(3)).toBe('0.012');
    expect(metrics['mixing-steps']).toBe(9);
    expect(result.plots).toHaveLength(3);
  });

  it('runs with the reader’s settings: more moves per state than there are other states are capped, a very sticky chain mixes slowly', async () => {
    const run = async (raw: Record<string, string>) =>
      Object.fromEntries((await demo.run(parseParams(demo.params, raw), progressPlan(demo.stages, () => {}))).metrics.map((m) => [m.name, m.value]));
    const small = await run({ states: '3', successors: '4', steps: '3' });
    expect(small.tv).toBeLessThan(0.1);
    const sticky = await run({ stickiness: '0.95', steps: '3' });
    expect(sticky['mixing-steps']).toBeGreaterThan(50);
  });

  it('measures the figures the article prints from it: longer walks, a sticky chain, a chain that never stays', async () => {
    const run = async (raw: Record<string, string>) =>
      Object.fromEntries((await demo.run(parseParams(demo.params, raw), progressPlan(demo.stages, () => {}))).metrics.map((m) => [m.name, m.value]));
    const text = readFileSync(new URL('../../content/architectures/markov-chain.mdx', import.meta.url), 'utf8');
    const defaults = await run({});
    expect(text).toContain(`**${defaults['tv-short']!.toFixed(3)}** away from π after 100 steps and\n**${defaults.tv!.toFixed(3)}** after 10,000`);
    expect(text).toContain(`within 0.01 of π after **${defaults['mixing-steps']} steps**`);
    expect(text).toContain(`at 100,000 steps it is\n${(await run({ steps: '5' })).tv!.toFixed(4)}.`);
    const sticky = await run({ stickiness: '0.95' });
    expect(text).toContain(`πₜ needs ${sticky['mixing-steps']} steps to come within 0.01 of π, and after 10,000\nsteps the frequencies are still ${sticky.tv!.toFixed(3)} away`);
    const loose = await run({ stickiness: '0' });
    expect(text).toContain(`(${loose['mixing-steps']} steps rather than ${defaults['mixing-steps']})`);
  });
});
