import { describe, expect, it } from 'vitest';
import { registry } from '../../src/architecture/registry.vite';
import type { AnyArchitecture, Paper } from '../../src/architecture/types';
import { dated, factsRows } from '../../src/components/facts';

const publications = (a: AnyArchitecture): Paper[] => [
  a.paper,
  ...(a.credit?.kind === 'combined' ? a.credit.sources : a.credit?.kind === 'popularised' ? a.credit.earlier : []).map((s) => s.paper),
];
const text = (a: AnyArchitecture) => factsRows(a).flatMap((row) => row.details.map((d) => `${row.term}: ${d}`));

describe('the Facts box', () => {
  describe.each(registry.architectures.map((a) => [a.id, a] as const))('%s', (_, a) => {
    it('prints every year beside the authors of the publication it is the year of, and no other year', () => {
      const years = text(a).flatMap((line) => [...line.matchAll(/\b(1[89]\d\d|20\d\d)\b/g)].map((m) => ({ line, year: Number(m[1]) })));
      // A year in the training method or summary would be a date with no authors beside it.
      const datedLines = new Set(publications(a).map(dated));
      for (const { line, year } of years) {
        const publication = [...datedLines].find((d) => line.includes(d) && d.startsWith(`${year},`));
        expect(publication, `${a.id}: "${line}" dates something by ${year} without its publication's authors`).toBeDefined();
      }
    });

    it('says how the cited publication relates to the architecture', () => {
      const terms = factsRows(a).map((r) => r.term);
      const kind = a.credit?.kind ?? 'introduced';
      if (kind === 'introduced') expect(text(a)).toContain(`Introduced: ${a.year}, ${a.paper.authors.join(', ')}`);
      if (kind === 'popularised') expect(terms).toEqual(expect.arrayContaining(['Made widely known', 'Earlier']));
      if (kind === 'combined') expect(text(a)).toContain('Introduced: by no single publication');
    });
  });

  it('dates the convolutional network by the 1989 paper and its authors, not by LeNet-5’s', () => {
    expect(text(registry.get('convolutional-network'))).toContain(
      'Introduced: 1989, Yann LeCun, Bernhard Boser, John S. Denker, Donnie Henderson, Richard E. Howard, Wayne Hubbard, Lawrence D. Jackel',
    );
  });

  it('names the two publications a bidirectional GRU combines instead of an introduction', () => {
    const lines = text(registry.get('bidirectional-gru'));
    expect(lines).toContain('Introduced: by no single publication');
    expect(lines).toContain('Combines: the bidirectional scheme: 1997, Mike Schuster, Kuldip K. Paliwal');
    expect(lines.some((l) => l.startsWith('Combines: the GRU cell: 2014, Kyunghyun Cho'))).toBe(true);
  });

  it('says the feed-forward network’s 1986 paper made it widely known, not that it introduced it', () => {
    const lines = text(registry.get('feed-forward'));
    expect(lines).toContain('Made widely known: 1986, David E. Rumelhart, Geoffrey E. Hinton, Ronald J. Williams');
    expect(lines.some((l) => l.startsWith('Introduced'))).toBe(false);
    expect(lines).toContain('Earlier: backpropagation applied to neural networks: 1982, Paul J. Werbos');
  });
});
