import { describe, expect, it } from 'vitest';
import { DefinitionError, definitionProblems } from '../../src/architecture/define';
import echoStateNetwork from '../../src/zoo/echo-state-network';
import feedForward from '../../src/zoo/feed-forward';

const withDiagram = <T extends { configs: object }>(definition: T, diagram: unknown) => ({ ...definition, configs: { ...definition.configs, diagram } });

describe('definition configs', () => {
  it.each([
    ['a negative size', { inputs: 2, hidden: [-1], outputs: 1, seed: 5 }, 'configs.diagram.hidden[0]: expected a positive integer, but got -1'],
    ['a zero size', { inputs: 0, hidden: [4], outputs: 1, seed: 5 }, 'configs.diagram.inputs: expected a positive integer, but got 0'],
    ['a NaN size', { inputs: 2, hidden: [4], outputs: Number.NaN, seed: 5 }, 'configs.diagram.outputs: expected a positive integer, but got NaN'],
    ['a fractional size', { inputs: 2.5, hidden: [4], outputs: 1, seed: 5 }, 'configs.diagram.inputs: expected a positive integer, but got 2.5'],
    ['a NaN seed', { inputs: 2, hidden: [4], outputs: 1, seed: Number.NaN }, 'configs.diagram.seed: expected an integer, but got NaN'],
    ['no hidden layer', { inputs: 2, hidden: [], outputs: 1, seed: 5 }, 'configs.diagram.hidden: expected a non-empty list of positive integers, but got []'],
    ['null for a list', { inputs: 2, hidden: null, outputs: 1, seed: 5 }, 'configs.diagram.hidden: expected a non-empty list of positive integers, but got null'],
    ['a missing field', { inputs: 2, hidden: [4], seed: 5 }, 'configs.diagram.outputs: expected a positive integer, but got undefined'],
    ['a size as text', { inputs: '2', hidden: [4], outputs: 1, seed: 5 }, 'configs.diagram.inputs: expected a positive integer, but got "2"'],
    ['a misspelt field', { inputs: 2, hiden: [4], hidden: [4], outputs: 1, seed: 5 }, 'configs.diagram: unknown field hiden'],
    ['null for the config', null, 'configs.diagram: expected a config object, but got null'],
  ])('names config, field and value for %s', (_, diagram, problem) => {
    expect(definitionProblems(withDiagram(feedForward, diagram))).toEqual([problem]);
  });

  it('checks every config, demo included, and ranges as well as types', () => {
    const demo = { ...echoStateNetwork.configs.demo!, density: 0, spectralRadius: -0.9, inputScale: Infinity };
    expect(definitionProblems({ ...echoStateNetwork, configs: { ...echoStateNetwork.configs, demo } })).toEqual([
      'configs.demo.density: expected a number with 0 < value ≤ 1, but got 0',
      'configs.demo.spectralRadius: expected a finite number > 0, but got -0.9',
      'configs.demo.inputScale: expected a finite number > 0, but got Infinity',
    ]);
  });

  it('rejects a definition without a config schema, and a view listed twice', () => {
    expect(definitionProblems({ ...feedForward, configSchema: undefined, views: ['cells', 'cells'] })).toEqual([
      'views: "cells" is listed twice',
      'configSchema: expected a zod schema of the config, but got undefined',
    ]);
  });

  it('reports a bad config when the definition loads, naming the architecture', async () => {
    const { defineArchitecture } = await import('../../src/architecture/define');
    // A negative size is still a number[] to the type checker: only the schema can catch it.
    const define = () => defineArchitecture({ ...feedForward, configs: { diagram: { inputs: 2, hidden: [-1], outputs: 1, seed: 5 } } });
    expect(define).toThrow(DefinitionError);
    expect(define).toThrow('invalid definition "feed-forward":\n  - configs.diagram.hidden[0]: expected a positive integer, but got -1');
  });
});
