import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import demo from '../../src/demos/architectures/boltzmann-machine';
import { parseParams } from '../../src/demos/params';
import { progressPlan } from '../../src/demos/progress-plan';

const article = () => readFileSync(new URL('../../content/architectures/boltzmann-machine.mdx', import.meta.url), 'utf8');

describe('the Boltzmann machine demo', () => {
  it('learns the two patterns, samples close to the exact distribution and anneals into the lowest-energy state more often than a fixed hot run, as the article says', async () => {
    const previews: (readonly string[])[] = [];
    const stages = new Set<string>();
    const result = await demo.run(parseParams(demo.params, {}), progressPlan(demo.stages, (u) => stages.add(u.stage), (p) => previews.push(p)));
    const m = Object.fromEntries(result.metrics.map((x) => [x.name, x.value]));
    expect([...stages]).toEqual(['train:epochs', 'sample:sweeps', 'anneal:runs']);
    // Five curves while learning, five frequency plots while sampling.
    expect(previews.length).toBe(10);
    expect(result.plots).toHaveLength(3);
    expect(m['log-likelihood']!).toBeGreaterThan(-0.75);
    expect(m['total-variation']!).toBeLessThan(0.05);
    expect(m['annealed-share']!).toBeGreaterThan(m['fixed-share']!);
    const text = article();
    expect(text).toContain(`mean log-likelihood of **${m['log-likelihood']!.toFixed(3)}**`);
    expect(text).toContain(`total variation distance of **${m['total-variation']!.toFixed(3)}**`);
    expect(text).toContain(`**${m['annealed-share']}** of the 100 annealed runs`);
    expect(text).toContain(`only **${m['fixed-share']}** of the runs at a fixed`);
  });
});
