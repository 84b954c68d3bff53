import type { AnyArchitecture, Paper, PublishedCount } from '../architecture/types';
import { groupDigits } from '../views/numbers';

/** One line of an architecture's Facts box: a term and what it says, one or more entries. */
export interface FactsRow {
  readonly term: string;
  readonly details: readonly string[];
}

/** "1997, Mike Schuster, Kuldip K. Paliwal": a year always beside the authors of the one publication it is the year of. */
export const dated = (paper: Paper): string => `${paper.year}, ${paper.authors.join(', ')}`;

/**
 * What the Facts box says, line by line. The date of an architecture is printed only as a
 * publication's own year beside that publication's authors, so "Introduced: 1989" can never stand
 * beside the authors of a 1998 paper; where no single publication introduced the architecture, the
 * box says so and names what each source contributed (see `Credit` in src/architecture/types.ts).
 */
export function factsRows(a: AnyArchitecture): FactsRow[] {
  const credit = a.credit ?? { kind: 'introduced' };
  const origin: FactsRow[] =
    credit.kind === 'introduced'
      ? [{ term: 'Introduced', details: [dated(a.paper)] }]
      : credit.kind === 'popularised'
        ? [
            { term: 'Made widely known', details: [dated(a.paper)] },
            { term: 'Earlier', details: credit.earlier.map((s) => `${s.contributed}: ${dated(s.paper)}`) },
          ]
        : [
            { term: 'Introduced', details: ['by no single publication'] },
            { term: 'Combines', details: credit.sources.map((s) => `${s.contributed}: ${dated(s.paper)}`) },
          ];
  return [
    { term: 'Abbreviation', details: [a.abbreviation] },
    ...origin,
    { term: 'Trained by', details: [a.training.method] },
    ...(a.published ? [{ term: 'Parameters', details: [parameters(a.published)] }] : []),
    { term: 'In short', details: [a.summary] },
  ];
}

/** "138,357,544 (Keras Applications VGG16)": the published count as the source gives it, with the source. */
function parameters(p: PublishedCount): string {
  const figure = p.tolerance ? `about ${groupDigits(p.params)}` : groupDigits(p.params);
  return `${figure}${p.trainableOnly ? ' trainable' : ''} (${p.source})`;
}
