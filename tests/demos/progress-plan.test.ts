import { describe, expect, it } from 'vitest';
import { progressPlan, type ProgressUpdate } from '../../src/demos/progress-plan';

const stages = [
  { key: 'fit:drive', label: 'Driving', unit: 'steps', weight: 1 },
  { key: 'fit:solve', label: 'Solving', unit: 'solver steps', errorLabel: 'relative residual', weight: 1 },
  { key: 'predict:drive', label: 'Predicting', unit: 'steps', weight: 2 },
];

describe('progress plan', () => {
  it('turns phase reports of several calls into one run-wide fraction that only grows', () => {
    const updates: ProgressUpdate[] = [];
    const plan = progressPlan(stages, (u) => updates.push(u));
    plan.within('fit')({ phase: 'drive', done: 200, total: 400 });
    plan.within('fit')({ phase: 'drive', done: 400, total: 400 });
    plan.within('fit')({ phase: 'solve', done: 5, total: 20, error: 1e-3 });
    plan.within('predict')({ phase: 'drive', done: 600, total: 600 });
    expect(updates.map((u) => u.fraction)).toEqual([0.125, 0.25, 0.3125, 1]);
    expect(updates[2]).toMatchObject({ stage: 'fit:solve', label: 'Solving', unit: 'solver steps', done: 5, total: 20, error: { label: 'relative residual', value: 1e-3 } });
  });

  it('passes no error for a stage that declares none', () => {
    const updates: ProgressUpdate[] = [];
    progressPlan(stages, (u) => updates.push(u)).within('fit')({ phase: 'drive', done: 1, total: 2, error: 0.5 });
    expect(updates[0]!.error).toBeUndefined();
  });

  it('hands interim plots to the preview, and drops them where there is none', () => {
    const shown: (readonly string[])[] = [];
    progressPlan(stages, () => undefined, (plots) => shown.push(plots)).show(['<svg/>']);
    expect(shown).toEqual([['<svg/>']]);
    expect(() => progressPlan(stages, () => undefined).show(['<svg/>'])).not.toThrow();
  });

  it('spaces previews by previewEvery, drawing a dropped one not at all', () => {
    const shown: (readonly string[])[] = [];
    let clock = 0;
    let drawn = 0;
    const plan = progressPlan(stages, () => undefined, (plots) => shown.push(plots), { previewEvery: 100, now: () => clock });
    const draw = (label: string) => () => {
      drawn++;
      return [label];
    };
    for (const [at, label] of [[0, 'a'], [60, 'b'], [99, 'c'], [100, 'd'], [250, 'e']] as const) {
      clock = at;
      plan.show(draw(label));
    }
    expect(shown).toEqual([['a'], ['d'], ['e']]);
    expect(drawn).toBe(3);
  });

  it('refuses a report from a stage the demo did not declare', () => {
    const plan = progressPlan(stages, () => undefined);
    expect(() => plan.within('echo')({ phase: 'drive', done: 1, total: 2 })).toThrow('progress for an undeclared stage: echo:drive (declared: fit:drive, fit:solve, predict:drive)');
  });
});
