import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import dbnDemo from '../../src/demos/architectures/deep-belief-network';
import rbmDemo from '../../src/demos/architectures/restricted-boltzmann-machine';
import { parseParams } from '../../src/demos/params';
import { progressPlan } from '../../src/demos/progress-plan';
import type { DemoDefinition } from '../../src/demos/types';

/**
 * The figures the restricted-boltzmann-machine and deep-belief-network articles print from their
 * demos, measured by running the demos (every random number is seeded), as measured-figures.test.ts
 * does for other articles. The figures from the behaviour tests (tests/zoo/) are pinned there.
 */
/** The article's text with each run of whitespace as one space, so a figure may wrap. */
const article = (id: string) => readFileSync(new URL(`../../content/architectures/${id}.mdx`, import.meta.url), 'utf8').replace(/\s+/g, ' ');
async function metricsOf(demo: unknown, raw: Record<string, string> = {}): Promise<Record<string, number>> {
  const d = demo as DemoDefinition;
  const result = await d.run(parseParams(d.params, raw), progressPlan(d.stages, () => {}));
  return Object.fromEntries(result.metrics.map((m) => [m.name, m.value]));
}

/** As the articles print a number: a real minus sign. */
const fixed = (x: number, digits: number) => x.toFixed(digits).replace('-', '−');

describe('the figures the Boltzmann articles print from their demos', () => {
  it('restricted-boltzmann-machine: log-likelihood and valid samples at the defaults; far fewer valid with 4 hidden units', async () => {
    const text = article('restricted-boltzmann-machine');
    const m = await metricsOf(rbmDemo);
    expect(text).toContain(`to ${fixed(m['log-likelihood']!, 2)} [nats]`);
    expect(text).toContain(`for 200 steps, ${Math.round(100 * m['valid-samples']!)} % end in a valid`);
    expect(text).toContain(`falls from 0.25 to ${m['reconstruction-error']!.toFixed(4)} per`);
    const small = await metricsOf(rbmDemo, { hidden: '4' });
    expect(small['valid-samples']!).toBeLessThan(m['valid-samples']! / 2);
  });

  it('deep-belief-network: the first RBM’s log-likelihood, the two-layer bound, and the samples’ validity', async () => {
    const text = article('deep-belief-network');
    const m = await metricsOf(dbnDemo);
    const [single, bound] = [m['rbm-log-likelihood']!, m['dbn-bound']!];
    expect(text).toContain(`log-likelihood of ${fixed(single, 2)} [nats]`);
    expect(text).toContain(`the bound is ${fixed(bound, 2)} nats: on average at least ${(bound - single).toFixed(2)} nats`);
    expect(text).toContain(`at least ${Math.exp(bound - single).toFixed(1)} times the RBM's (e^${(bound - single).toFixed(2)} ≈ ${Math.exp(bound - single).toFixed(1)})`);
    expect(text).toContain(`${Math.round(100 * m['valid-samples']!)} % of 200`);
  });
});
