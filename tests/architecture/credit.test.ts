import { describe, expect, it } from 'vitest';
import { definitionProblems } from '../../src/architecture/define';
import { registry } from '../../src/architecture/registry.vite';
import type { AnyArchitecture, Paper } from '../../src/architecture/types';
import bidirectionalGru from '../../src/zoo/bidirectional-gru';
import perceptron from '../../src/zoo/perceptron';

/** Every publication a definition cites: its paper and, for a combination, its sources. */
const publications = (a: AnyArchitecture): Paper[] => [
  a.paper,
  ...(a.credit?.kind === 'combined' ? a.credit.sources : a.credit?.kind === 'popularised' ? a.credit.earlier : []).map((s) => s.paper),
];

describe('the year an architecture is dated by', () => {
  describe.each(registry.architectures.map((a) => [a.id, a] as const))('%s', (_, a) => {
    it('is the year of one publication it cites: its paper, or for a combination the latest source', () => {
      const credit = a.credit ?? { kind: 'introduced' };
      const expected = credit.kind === 'combined' ? Math.max(...credit.sources.map((s) => s.paper.year)) : a.paper.year;
      expect(a.year).toBe(expected);
      expect(publications(a).some((p) => p.year === a.year)).toBe(true);
    });
  });

  it('is checked when a definition loads: a year beside another publication’s authors is named', () => {
    const lenet = { ...perceptron, year: 1989, paper: { ...perceptron.paper, title: 'Gradient-based learning applied to document recognition', year: 1998 } };
    expect(definitionProblems(lenet)).toEqual(['year: expected 1998, the year of paper "Gradient-based learning applied to document recognition", but got 1989']);
  });

  it('for a combination, is the latest source’s year, and the cited paper must be one of the sources', () => {
    expect(definitionProblems({ ...bidirectionalGru, year: 1997 })).toEqual([
      'year: expected 2014, the year of the latest of its sources, "Learning phrase representations using RNN encoder–decoder for statistical machine translation", but got 1997',
    ]);
    const stray = { ...bidirectionalGru, paper: perceptron.paper, year: 2014 };
    expect(definitionProblems(stray)).toEqual([`paper: expected one of credit.sources, but got "${perceptron.paper.title}"`]);
  });

  it('rejects a combination of fewer than two publications, and an unknown or incomplete credit', () => {
    expect(definitionProblems({ ...perceptron, credit: { kind: 'combined', sources: [] } })).toEqual(['credit.sources: expected at least two publications, but got []']);
    expect(definitionProblems({ ...perceptron, credit: { kind: 'invented' } })).toEqual([
      'credit.kind: expected one of introduced, popularised, combined, but got "invented"',
    ]);
    expect(definitionProblems({ ...perceptron, credit: { kind: 'popularised' } })).toEqual(['credit.earlier: expected at least one publication, but got undefined']);
    const later = { contributed: 'nothing yet', paper: { ...perceptron.paper, year: 1986 } };
    expect(definitionProblems({ ...perceptron, credit: { kind: 'popularised', earlier: [later] } })).toEqual([
      'credit.earlier: expected publications older than paper (1958), but got one of 1986',
    ]);
  });
});
