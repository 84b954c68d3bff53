/**
 * Every living drawing the site prepares (src/live/prepared.ts: each demo's living views at its
 * default parameters, dist/live/<id>.<view>.svg) meets the standard of the committed diagrams
 * (tests/render/legibility.test.ts): no line through a text, no two texts overlapping, no two lines
 * drawn along each other. Drawn exactly as the build draws them: `preparedViews(id)`.
 */
import { describe, expect, it } from 'vitest';
import { livingDemoIds, preparedViews } from '../../src/live/prepared';
import { legibilityProblems } from '../support/diagram-geometry';

const IDS = livingDemoIds();

describe('the living drawings the site prepares', () => {
  it('finds the demos that declare one, recurrent, memory and attention networks among them', () => {
    expect(IDS.length).toBeGreaterThanOrEqual(30);
    for (const id of ['gru', 'stacked-lstm', 'attention-network', 'transformer', 'seq2seq', 'neural-turing-machine', 'differentiable-neural-computer', 'radial-basis-network'])
      expect(IDS).toContain(id);
  });

  it.each(IDS)('%s: every view at the defaults is legible', (id) => {
    const views = preparedViews(id);
    expect(views.length).toBeGreaterThan(0);
    const problems = views.flatMap(({ view, svg }) => legibilityProblems(svg).map((p) => `${view}: ${p}`));
    expect(problems).toEqual([]);
  });
});
