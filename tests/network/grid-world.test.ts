import { describe, expect, it } from 'vitest';
import { bestReturn, DEMO_WORLD, gridWorld, observe, runEpisode, step } from '../../src/network/environments/grid-world';

describe('grid world', () => {
  const world = gridWorld(['S.#', '..G'], { stepReward: -0.1, goalReward: 1, maxSteps: 5 });

  it('moves up, right, down and left, stays put at a wall or the edge, and ends with the goal reward at the goal', () => {
    expect(step(world, 0, 1)).toEqual({ next: 1, reward: -0.1, done: false });
    expect(step(world, 1, 1)).toEqual({ next: 1, reward: -0.1, done: false }); // a wall
    expect(step(world, 0, 0)).toEqual({ next: 0, reward: -0.1, done: false }); // the edge
    expect(step(world, 4, 1)).toEqual({ next: 5, reward: 1, done: true });
    expect(Array.from(observe(world, 4))).toEqual([0, 0, 0, 0, 1, 0]);
  });

  it('plays an episode to the goal or cuts it off after maxSteps, and knows the best return by the shortest path', () => {
    expect(runEpisode(world, () => 2).cells).toEqual([0, 3, 3, 3, 3, 3]);
    expect(runEpisode(world, () => 2).reachedGoal).toBe(false);
    const moves = [2, 1, 1];
    let t = 0;
    const ep = runEpisode(world, () => moves[t++]!);
    expect(ep).toEqual({ cells: [0, 3, 4, 5], return: expect.closeTo(0.8, 10), reachedGoal: true });
    expect(bestReturn(world)).toBeCloseTo(0.8, 10);
    expect(bestReturn(DEMO_WORLD)).toBeCloseTo(0.65, 10);
  });

  it('refuses a map without a start and a goal, or with rows of different lengths', () => {
    expect(() => gridWorld(['..', '.G'], { stepReward: 0, goalReward: 1, maxSteps: 3 })).toThrow(/one S and one G/);
    expect(() => gridWorld(['S.', 'G'], { stepReward: 0, goalReward: 1, maxSteps: 3 })).toThrow(/rows of one length/);
  });
});
