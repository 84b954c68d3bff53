import { configProblems, showValue as show, type ConfigSchema } from './config-schema';
import { FAMILIES, FAMILY_IDS } from './families';
import { VIEWS, type ArchitectureDefinition } from './types';

export class DefinitionError extends Error {
  constructor(
    readonly where: string,
    readonly problems: readonly string[],
  ) {
    super(`invalid definition ${where}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'DefinitionError';
  }
}

// C0 controls (tab and newline included), DEL and C1 controls.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const views: ReadonlySet<string> = new Set(VIEWS);

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;
const isSchema = (value: unknown): value is ConfigSchema<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as { safeParse?: unknown }).safeParse === 'function';

/**
 * Every problem of a definition, checked field by field so a malformed definition is reported in
 * full and by name, e.g. `paper.year: expected an integer between 1900 and 2100, but got "1958"`.
 */
export function definitionProblems(definition: unknown): string[] {
  if (typeof definition !== 'object' || definition === null) return [`expected an object, but got ${show(definition)}`];
  const d = definition as Record<string, unknown>;
  const problems: string[] = [];
  const text = (key: string, value: unknown) => {
    if (!isText(value)) problems.push(`${key}: expected a non-empty string, but got ${show(value)}`);
  };
  // Names are drawn into SVG text and titles: a control character there is no valid XML.
  const line = (key: string, value: unknown) => {
    if (isText(value) && CONTROL.test(value))
      problems.push(`${key}: expected one line of text without control characters, but got ${show(value)} (a control character at position ${value.search(CONTROL) + 1})`);
    else text(key, value);
  };
  const year = (key: string, value: unknown) => {
    if (!Number.isInteger(value) || (value as number) < 1900 || (value as number) > 2100)
      problems.push(`${key}: expected an integer between 1900 and 2100, but got ${show(value)}`);
  };

  if (!isText(d.id) || !KEBAB.test(d.id)) problems.push(`id: expected a kebab-case string, but got ${show(d.id)}`);
  line('name', d.name);
  line('abbreviation', d.abbreviation);
  year('year', d.year);
  text('summary', d.summary);
  if (!FAMILY_IDS.has(d.family as string))
    problems.push(`family: expected one of ${FAMILIES.map((f) => f.id).join(', ')}, but got ${show(d.family)}`);

  const paperProblems = (key: string, value: unknown): boolean => {
    const paper = value as Record<string, unknown> | undefined;
    if (typeof paper !== 'object' || paper === null) {
      problems.push(`missing: ${key}`);
      return false;
    }
    const before = problems.length;
    if (!Array.isArray(paper.authors) || paper.authors.length === 0 || !paper.authors.every(isText))
      problems.push(`${key}.authors: expected a non-empty list of names, but got ${show(paper.authors)}`);
    text(`${key}.title`, paper.title);
    text(`${key}.venue`, paper.venue);
    year(`${key}.year`, paper.year);
    if (!isText(paper.url) || !/^https:\/\/\S+$/.test(paper.url))
      problems.push(`${key}.url: expected an https:// link, but got ${show(paper.url)}`);
    return problems.length === before;
  };
  const paperIsValid = paperProblems('paper', d.paper);
  const datedBy = creditProblems(d, paperIsValid, paperProblems, problems);
  // The year beside the authors in the Facts box must be their publication's: checked, not trusted.
  if (datedBy !== undefined && Number.isInteger(d.year) && d.year !== datedBy.year)
    problems.push(`year: expected ${datedBy.year}, the year of ${datedBy.what}, but got ${show(d.year)}`);

  const training = d.training as Record<string, unknown> | undefined;
  if (typeof training !== 'object' || training === null) problems.push('missing: training');
  else {
    text('training.method', training.method);
    text('training.summary', training.summary);
  }

  const listed: unknown = d.views;
  if (!Array.isArray(listed) || listed.length === 0) problems.push(`views: expected a non-empty list, but got ${show(listed)}`);
  else
    listed.forEach((view: unknown, i) => {
      if (!views.has(view as string)) problems.push(`views: unknown view ${show(view)} (expected one of ${VIEWS.join(', ')})`);
      else if (listed.indexOf(view) !== i) problems.push(`views: ${show(view)} is listed twice`);
    });

  if (!isSchema(d.configSchema)) problems.push(`configSchema: expected a zod schema of the config, but got ${show(d.configSchema)}`);
  const configs = d.configs as Record<string, unknown> | undefined;
  if (typeof configs !== 'object' || configs === null || configs.diagram === undefined) problems.push('missing: configs.diagram');
  else if (isSchema(d.configSchema))
    for (const [name, config] of Object.entries(configs))
      if (config !== undefined) problems.push(...configProblems(d.configSchema, config, `configs.${name}`));
  if (d.published !== undefined) problems.push(...publishedProblems(d.published, configs?.canonical !== undefined));
  if (typeof d.build !== 'function') problems.push(`build: expected a function, but got ${show(d.build)}`);
  if (typeof d.shapes !== 'function') problems.push(`shapes: expected a function, but got ${show(d.shapes)}`);
  if (d.size !== undefined && typeof d.size !== 'function') problems.push(`size: expected a function or nothing, but got ${show(d.size)}`);
  return problems;
}

function publishedProblems(published: unknown, canonical: boolean): string[] {
  const p = published as Record<string, unknown> | null;
  if (typeof p !== 'object' || p === null) return [`published: expected { params, source, url }, but got ${show(published)}`];
  const problems: string[] = [];
  if (!canonical) problems.push('published: a published count needs configs.canonical, the configuration it counts');
  if (!Number.isInteger(p.params) || (p.params as number) < 1) problems.push(`published.params: expected a positive integer, but got ${show(p.params)}`);
  if (p.tolerance !== undefined && !(Number.isInteger(p.tolerance) && (p.tolerance as number) >= 0)) problems.push(`published.tolerance: expected a non-negative integer, but got ${show(p.tolerance)}`);
  if (p.trainableOnly !== undefined && typeof p.trainableOnly !== 'boolean') problems.push(`published.trainableOnly: expected true or false, but got ${show(p.trainableOnly)}`);
  if (typeof p.source !== 'string' || p.source.trim() === '') problems.push(`published.source: expected a non-empty string, but got ${show(p.source)}`);
  if (typeof p.url !== 'string' || !/^https:\/\//.test(p.url)) problems.push(`published.url: expected an https URL, but got ${show(p.url)}`);
  return problems;
}

const CREDIT_KINDS = ['introduced', 'popularised', 'combined'];
const sameTitle = (a: unknown, b: unknown) => typeof a === 'string' && typeof b === 'string' && a === b;

/**
 * Checks `credit` (absent: `introduced`) and returns the year the definition must carry and the
 * publication it comes from, or undefined where a problem already stands in the way.
 */
function creditProblems(
  d: Record<string, unknown>,
  paperIsValid: boolean,
  paperProblems: (key: string, value: unknown) => boolean,
  problems: string[],
): { year: number; what: string } | undefined {
  const paper = d.paper as { title: string; year: number; authors: string[] };
  const credit = (d.credit ?? { kind: 'introduced' }) as Record<string, unknown>;
  if (typeof credit !== 'object' || credit === null || !CREDIT_KINDS.includes(credit.kind as string)) {
    problems.push(`credit.kind: expected one of ${CREDIT_KINDS.join(', ')}, but got ${show((credit as { kind?: unknown } | null)?.kind)}`);
    return undefined;
  }
  const sourcesOf = (key: 'earlier' | 'sources', least: number): { title: string; year: number }[] | undefined => {
    const sources = credit[key];
    if (!Array.isArray(sources) || sources.length < least) {
      problems.push(`credit.${key}: expected at least ${least === 1 ? 'one publication' : 'two publications'}, but got ${show(sources)}`);
      return undefined;
    }
    const valid = sources.map((source: unknown, i) => {
      const s = source as Record<string, unknown> | null;
      const ok = paperProblems(`credit.${key}[${i}].paper`, s?.paper);
      if (!isText(s?.contributed)) problems.push(`credit.${key}[${i}].contributed: expected a non-empty string, but got ${show(s?.contributed)}`);
      return ok;
    });
    return valid.every(Boolean) ? sources.map((s: { paper: { title: string; year: number } }) => s.paper) : undefined;
  };
  if (credit.kind === 'popularised') {
    const earlier = sourcesOf('earlier', 1);
    if (earlier && paperIsValid && earlier.some((p) => p.year > paper.year))
      problems.push(`credit.earlier: expected publications older than paper (${paper.year}), but got one of ${Math.max(...earlier.map((p) => p.year))}`);
  }
  if (credit.kind !== 'combined') return paperIsValid ? { year: paper.year, what: `paper "${paper.title}"` } : undefined;

  const papers = sourcesOf('sources', 2);
  if (!papers || !paperIsValid) return undefined;
  if (!papers.some((p) => sameTitle(p.title, paper.title) && p.year === paper.year))
    problems.push(`paper: expected one of credit.sources, but got "${paper.title}"`);
  const latest = papers.reduce((a, b) => (b.year > a.year ? b : a));
  return { year: latest.year, what: `the latest of its sources, "${latest.title}"` };
}

/** Identity with a check: definitions fail loudly at import, naming every bad field. */
export function defineArchitecture<Config>(definition: ArchitectureDefinition<Config>): ArchitectureDefinition<Config> {
  const problems = definitionProblems(definition);
  if (problems.length > 0) {
    const id = (definition as { id?: unknown }).id;
    throw new DefinitionError(isText(id) ? `"${id}"` : '(no id)', problems);
  }
  return definition;
}
