import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import dbnDemo from '../../src/demos/architectures/deep-belief-network';
import rbmDemo from '../../src/demos/architectures/restricted-boltzmann-machine';
import { parseParams } from '../../src/demos/params';
import { progressPlan } from '../../src/demos/progress-plan';
import dbn from '../../src/zoo/deep-belief-network';
import rbm from '../../src/zoo/restricted-boltzmann-machine';

describe('restricted-boltzmann-machine and deep-belief-network demos', () => {
  it('default to the definitions’ demo configurations', () => {
    expect(rbm.configs.demo).toMatchObject({ hidden: parseParams(rbmDemo.params, {}).hidden });
    const { hidden1, hidden2 } = parseParams(dbnDemo.params, {});
    expect(dbn.configs.demo!.hidden).toEqual([hidden1, hidden2]);
  });

  it('RBM: trains with the reader’s k, shows the error and samples while it trains, measures what the article quotes, and leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    const shown: string[][] = [];
    const result = await rbmDemo.run(parseParams(rbmDemo.params, {}), progressPlan(rbmDemo.stages, () => {}, (plots) => shown.push([...plots])));
    expect(tf.memory().numTensors).toBe(before);
    expect(shown.length).toBeGreaterThanOrEqual(40);
    expect(shown[0]![1]).toContain('Gibbs samples');
    // While the final samples are drawn, one more picture per sample: 200 of them.
    expect(shown.filter((plots) => plots[1]!.includes('Samples from the trained RBM so far'))).toHaveLength(200);
    expect(shown.at(-1)![1]).toContain('200 of 200');
    const metric = (name: string) => result.metrics.find((m) => m.name === name)!.value;
    expect(metric('reconstruction-error')).toBeLessThan(0.002);
    expect(metric('log-likelihood')).toBeCloseTo(-5.54, 1);
    expect(metric('valid-samples')).toBeCloseTo(0.81, 2);
    const quick = await rbmDemo.run(parseParams(rbmDemo.params, { k: '3', hidden: '4', epochs: '50' }), progressPlan(rbmDemo.stages, () => {}));
    expect(quick.plots[0]).toContain('CD-3');
  });

  it('DBN: trains layer after layer, reporting each, then the sampling, and measures the bound against one RBM as the article quotes', async () => {
    const before = tf.memory().numTensors;
    const stages = new Set<string>();
    const result = await dbnDemo.run(parseParams(dbnDemo.params, {}), progressPlan(dbnDemo.stages, (u) => stages.add(u.stage)));
    expect(tf.memory().numTensors).toBe(before);
    expect([...stages]).toEqual(['train:layer-1', 'train:layer-2', 'sample:chains']);
    const metric = (name: string) => result.metrics.find((m) => m.name === name)!.value;
    expect(metric('rbm-log-likelihood')).toBeCloseTo(-6.21, 2);
    expect(metric('dbn-bound')).toBeCloseTo(-5.47, 2);
    expect(metric('valid-samples')).toBeCloseTo(0.61, 2);
  });
});
