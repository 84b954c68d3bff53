import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import demo from '../../src/demos/architectures/deep-q-network';
import { parseParams } from '../../src/demos/params';
import { progressPlan } from '../../src/demos/progress-plan';
import dqn from '../../src/zoo/deep-q-network';

const run = (raw: Record<string, string>) => demo.run(parseParams(demo.params, raw), progressPlan(demo.stages, () => {}));
const metric = (result: Awaited<ReturnType<typeof run>>, name: string) => result.metrics.find((m) => m.name === name)!.value;

describe('deep-q-network demo', () => {
  it('defaults to the definition’s demo seed', () => {
    expect(parseParams(demo.params, {}).seed).toBe(dqn.configs.demo!.seed);
  });

  it('at its defaults (1,000 moves, C = 50) the greedy agent takes the shortest path; copying only every 200 steps, 4 copies in all, it never reaches the goal; no tensor leaks', async () => {
    const before = tf.memory().numTensors;
    const defaults = await run({});
    expect(metric(defaults, 'copies')).toBe(18);
    expect(metric(defaults, 'greedy-return')).toBeCloseTo(metric(defaults, 'best-return'), 6);
    expect(metric(defaults, 'random-return')).toBeLessThan(-1.4);
    const rare = await run({ targetEvery: '200' });
    expect(metric(rare, 'copies')).toBe(4);
    expect(metric(rare, 'greedy-return')).toBeCloseTo(-1.5, 6);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('shows the returns so far and the greedy agent’s path after every episode, from the first one on, and at every progress report', async () => {
    const previews: (readonly string[])[] = [];
    const reports: number[] = [];
    const result = await demo.run(parseParams(demo.params, { steps: '300' }), progressPlan(demo.stages, (u) => reports.push(u.done), (plots) => previews.push(plots)));
    expect(reports).toEqual(Array.from({ length: 12 }, (_, k) => 25 * (k + 1)));
    const episodes = metric(result, 'episodes');
    const counted = previews.map((plots) => Number(/so far \((\d+) episodes?\)/.exec(plots[0]!)![1]));
    expect(new Set(counted)).toEqual(new Set(Array.from({ length: episodes }, (_, k) => k + 1)));
    expect(previews[0]![0]).toContain('Return per episode so far (1 episode)');
    expect(previews.at(-1)![0]).toContain(`(${metric(result, 'episodes')} episodes)`);
    expect(previews.every((plots) => plots[1]!.includes('The greedy agent now'))).toBe(true);
  });
});
