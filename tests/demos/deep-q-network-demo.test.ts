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
});
