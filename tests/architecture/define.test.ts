import { describe, expect, it } from 'vitest';
import { defineArchitecture, DefinitionError, definitionProblems } from '../../src/architecture/define';
import perceptron from '../../src/zoo/perceptron';

describe('defineArchitecture', () => {
  it('accepts every registered definition as it is', () => {
    expect(definitionProblems(perceptron)).toEqual([]);
  });

  it('names every bad field of a malformed definition at once', () => {
    const malformed = { ...perceptron, id: 'Not Kebab', abbreviation: '', year: 1958.5, paper: { ...perceptron.paper, authors: [] }, training: undefined, configs: {}, build: 'nope' };
    expect(definitionProblems(malformed)).toEqual([
      'id: expected a kebab-case string, but got "Not Kebab"',
      'abbreviation: expected a non-empty string, but got ""',
      'year: expected an integer between 1900 and 2100, but got 1958.5',
      'paper.authors: expected a non-empty list of names, but got []',
      'missing: training',
      'missing: configs.diagram',
      'build: expected a function, but got "nope"',
    ]);
  });

  it('names every bad field of a published count, and refuses one without the canonical configuration it counts', () => {
    const canonical = { ...perceptron, configs: { ...perceptron.configs, canonical: perceptron.configs.diagram } };
    expect(definitionProblems({ ...canonical, published: { params: 1.5, tolerance: -1, trainableOnly: 'yes', source: ' ', url: 'http://x' } })).toEqual([
      'published.params: expected a positive integer, but got 1.5',
      'published.tolerance: expected a non-negative integer, but got -1',
      'published.trainableOnly: expected true or false, but got "yes"',
      'published.source: expected a non-empty string, but got " "',
      'published.url: expected an https URL, but got "http://x"',
    ]);
    expect(definitionProblems({ ...perceptron, published: { params: 3, source: 'the paper', url: 'https://example.org' } })).toEqual([
      'published: a published count needs configs.canonical, the configuration it counts',
    ]);
    expect(definitionProblems({ ...canonical, published: { params: 3, source: 'the paper', url: 'https://example.org' } })).toEqual([]);
  });

  it('throws a DefinitionError naming the architecture', () => {
    // @ts-expect-error — deliberately malformed: no name
    expect(() => defineArchitecture({ ...perceptron, name: undefined })).toThrow(DefinitionError);
    // @ts-expect-error — deliberately malformed: no name
    expect(() => defineArchitecture({ ...perceptron, name: undefined })).toThrow('invalid definition "perceptron":\n  - name: expected a non-empty string, but got undefined');
  });

  it('names an unknown family and lists the known ones', () => {
    const problems = definitionProblems({ ...perceptron, family: 'zoo-animals' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^family: expected one of feed-forward, recurrent, .*, but got "zoo-animals"$/);
  });

  it('rejects something that is not a definition at all', () => {
    expect(definitionProblems(42)).toEqual(['expected an object, but got 42']);
  });
});
