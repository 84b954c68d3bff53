import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import birnnDemo from '../../src/demos/architectures/bidirectional-rnn';
import birnnParams from '../../src/demos/architectures/bidirectional-rnn.params';
import bilstmDemo from '../../src/demos/architectures/bidirectional-lstm';
import bilstmParams from '../../src/demos/architectures/bidirectional-lstm.params';
import bigruDemo from '../../src/demos/architectures/bidirectional-gru';
import bigruParams from '../../src/demos/architectures/bidirectional-gru.params';
import { parseParams, type ParamSchema } from '../../src/demos/params';
import { progressPlan, type ProgressUpdate } from '../../src/demos/progress-plan';
import type { DemoDefinition } from '../../src/demos/types';
import type { AnyArchitecture } from '../../src/architecture/types';
import birnn from '../../src/zoo/bidirectional-rnn';
import bilstm from '../../src/zoo/bidirectional-lstm';
import bigru from '../../src/zoo/bidirectional-gru';

const demos: [string, DemoDefinition, ParamSchema, AnyArchitecture][] = [
  ['bidirectional-rnn', birnnDemo as unknown as DemoDefinition, birnnParams, birnn as unknown as AnyArchitecture],
  ['bidirectional-lstm', bilstmDemo as unknown as DemoDefinition, bilstmParams, bilstm as unknown as AnyArchitecture],
  ['bidirectional-gru', bigruDemo as unknown as DemoDefinition, bigruParams, bigru as unknown as AnyArchitecture],
];

describe.each(demos)('the %s demo', (_, demo, params, architecture) => {
  it('defaults to the definition’s demo configuration', () => {
    const { units, steps } = parseParams(params, {});
    expect(architecture.configs.demo).toMatchObject({ units, steps });
  });

  it('trains both networks side by side with progress and a growing loss plot per epoch, plots loss and error by position, and leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    const updates: ProgressUpdate[] = [];
    const previews: (readonly string[])[] = [];
    const result = await demo.run(
      parseParams(demo.params, { epochs: '10', units: '2', steps: '5' }),
      progressPlan(demo.stages, (u) => updates.push(u), (plots) => previews.push(plots)),
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(updates.map((u) => `${u.stage} ${u.done}`)).toEqual(Array.from({ length: 10 }, (_, i) => `both:epochs ${i + 1}`));
    expect(updates.at(-1)!.fraction).toBe(1);
    // Both curves grow from the first epoch: each preview has one more point on each of the two lines.
    expect(previews).toHaveLength(10);
    expect(previews[0]![0]).toContain('epoch 1 of 10');
    expect(previews[9]![0]).toContain('epoch 10 of 10');
    expect(previews[9]![0]).toMatch(/forward-only/);
    for (const metric of result.metrics) expect(Number.isFinite(metric.value), metric.name).toBe(true);
    expect(result.plots).toHaveLength(2);
    // The error-by-position plot names each of the 5 positions' story: steps 1–4 need the next input.
    expect(result.plots[1]).toContain('At steps 1 to 4, half of each answer is the next input');
    for (const svg of result.plots) expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*><title>[^<]+<\/title><desc>[^<]+<\/desc>/);
  }, 30_000);
});
