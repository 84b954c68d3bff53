import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { AnyArchitecture } from '../../src/architecture/types';
import birnn from '../../src/demos/architectures/bidirectional-rnn';
import bilstm from '../../src/demos/architectures/bidirectional-lstm';
import bigru from '../../src/demos/architectures/bidirectional-gru';
import deepBilstm from '../../src/demos/architectures/deep-bidirectional-lstm';
import stacked from '../../src/demos/architectures/stacked-lstm';
import minimalGru from '../../src/demos/architectures/minimal-gru';
import { parseParams, type ParamSchema, type ParamValues } from '../../src/demos/params';
import { progressPlan, type Watcher } from '../../src/demos/progress-plan';
import type { DemoDefinition } from '../../src/demos/types';

/** The recurrent demos that race the page's own network against another, with small settings (not the defaults: a quick run). */
const demos: [string, DemoDefinition, Record<string, string>][] = [
  ['bidirectional-rnn', birnn as unknown as DemoDefinition, { epochs: '10', units: '3', steps: '5' }],
  ['bidirectional-lstm', bilstm as unknown as DemoDefinition, { epochs: '10', units: '3', steps: '5' }],
  ['bidirectional-gru', bigru as unknown as DemoDefinition, { epochs: '10', units: '3', steps: '5' }],
  ['deep-bidirectional-lstm', deepBilstm as unknown as DemoDefinition, { epochs: '10', units: '2', steps: '5' }],
  ['stacked-lstm', stacked as unknown as DemoDefinition, { steps: '50', units: '3', length: '6' }],
  // A keep bias other than the definition's 0: the living config must carry it.
  ['minimal-gru', minimalGru as unknown as DemoDefinition, { delay: '2', units: '3', epochs: '20', keepBias: '1' }],
];

const weightsOf = (model: tf.LayersModel) => model.getWeights().map((w) => Array.from(w.dataSync()));

describe.each(demos)('the %s demo’s living diagram', (id, demo, raw) => {
  it('watches the page’s own network, built by its definition at the living config, on one held-out sequence, from before the first step until after the last', async () => {
    const { architecture, config } = demo.living as { architecture: AnyArchitecture; config: (values: ParamValues<ParamSchema>) => object };
    expect(architecture.id).toBe(id);
    const values = parseParams(demo.params, raw);
    const networkConfig = config(values);
    const seen: { reportsBeforeWatch?: number; topology?: unknown; expected?: unknown; start?: number[][]; fresh?: number[][]; example?: number[]; trained?: number[][] } = {};
    let reports = 0;
    let watched: tf.LayersModel | undefined;
    const watcher: Watcher = {
      watch(model, example) {
        expect(watched, 'one network watched per run').toBeUndefined();
        watched = model;
        seen.reportsBeforeWatch = reports;
        const fresh = architecture.build(networkConfig);
        seen.topology = model.toJSON(null, false);
        seen.expected = fresh.toJSON(null, false);
        seen.start = weightsOf(model);
        seen.fresh = weightsOf(fresh);
        fresh.dispose();
        const [input, ...more] = Array.isArray(example) ? example : [example];
        expect(more).toEqual([]);
        expect(input!.shape).toEqual([1, ...architecture.shapes(networkConfig).input]);
        seen.example = Array.from(input!.dataSync());
        tf.dispose([input!, ...more]);
      },
      reported: () => reports++,
      finish() {
        // Before the networks are disposed: the watched one still has its (trained) weights.
        if (watched) seen.trained = weightsOf(watched);
      },
    };
    const before = tf.memory().numTensors;
    await demo.run(values, progressPlan(demo.stages, () => {}, () => {}, { watcher }));
    expect(tf.memory().numTensors).toBe(before);

    expect(seen.reportsBeforeWatch, 'watched before the first training step is reported').toBe(0);
    // The same layers, classes and configs as the definition builds at the living config, starting from the same weights.
    expect(seen.topology).toEqual(seen.expected);
    expect(seen.start).toEqual(seen.fresh);
    // The watched network is the one that trained: its weights moved by the end.
    expect(seen.trained).toBeDefined();
    expect(seen.trained).not.toEqual(seen.start);
    // A sequence of the task's data, whose inputs lie in [−1, 1] and take either sign (a seeded shapedExample lies in [0, 1)).
    expect(seen.example!.every((x) => x >= -1 && x <= 1)).toBe(true);
    expect(seen.example!.some((x) => x < 0)).toBe(true);
    expect(seen.example!.some((x) => x > 0)).toBe(true);
  }, 60_000);
});
