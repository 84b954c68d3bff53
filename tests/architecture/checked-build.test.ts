import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { BuildError, checkedBuild } from '../../src/architecture/checked-build';
import type { AnyArchitecture } from '../../src/architecture/types';
import feedForward from '../../src/zoo/feed-forward';
import recurrentNetwork from '../../src/zoo/recurrent-network';

const erase = (definition: object) => definition as AnyArchitecture;

describe('checkedBuild', () => {
  it('builds the definition’s network when all is well', () => {
    const model = checkedBuild(erase(feedForward))(feedForward.configs.diagram);
    expect(model.outputs[0]!.shape).toEqual([null, 1]);
    model.dispose();
  });

  it('rejects a bad config before tfjs sees it, naming architecture, config and field', () => {
    const build = checkedBuild(erase(feedForward));
    expect(() => build({ ...feedForward.configs.diagram, hidden: [4, 0] })).toThrow(new BuildError('feed-forward: config.hidden[1]: expected a positive integer, but got 0'));
  });

  it('names the config when build returns nothing', () => {
    const build = checkedBuild(erase({ ...feedForward, build: () => undefined }));
    expect(() => build(feedForward.configs.diagram)).toThrow(new BuildError('feed-forward: build(configs.diagram) returned undefined; expected a tf.LayersModel'));
  });

  it('passes on what a failing build said, with the architecture and config', () => {
    const build = checkedBuild(erase({ ...feedForward, build: () => tf.layers.dense({ units: -3 }) }));
    expect(() => build(feedForward.configs.diagram)).toThrow(/^feed-forward: build\(configs\.diagram\) failed: .*units/);
  });

  it('refuses a model that shapes() misdescribes, and disposes it', () => {
    const before = tf.memory().numTensors;
    const build = checkedBuild(erase({ ...recurrentNetwork, shapes: () => ({ input: [4, 2], output: [4, 5] }) }));
    expect(() => build(recurrentNetwork.configs.diagram)).toThrow(
      new BuildError("recurrent-network: shapes(configs.diagram).output is [4, 5], but the built model's output is [any, 2]"),
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses shapes() that are not lists of sizes', () => {
    const build = checkedBuild(erase({ ...feedForward, shapes: () => ({ input: [Number.NaN], output: null }) }));
    expect(() => build(feedForward.configs.diagram)).toThrow(
      'feed-forward: shapes(configs.diagram).input: expected a list of positive integers, but got [NaN]\nfeed-forward: shapes(configs.diagram).output: expected a list of positive integers, but got null',
    );
  });
});
