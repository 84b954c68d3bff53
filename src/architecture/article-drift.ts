/**
 * Definitions and articles must match one for one: src/zoo/<id>.ts is explained by
 * content/architectures/<id>.mdx, whose frontmatter says `architecture: <id>`. Without this the site
 * would publish a home card linking to a missing page, or an article about an architecture that
 * does not exist. src/content.config.ts runs this check as the build reads the articles.
 */

/** An article as the content collection read it: its path from the project root and its frontmatter's `architecture`. */
export interface ArticleFacts {
  readonly path: string;
  readonly architecture?: string | undefined;
}

const ARTICLES = 'content/architectures/';

const definitionPath = (id: string): string => `src/zoo/${id}.ts`;

/**
 * Every mismatch between the definitions (ids of src/zoo/<id>.ts) and the articles, each naming both
 * files, in a stable order; empty when they agree.
 */
export function articleDriftProblems(definitionIds: readonly string[], articles: readonly ArticleFacts[]): string[] {
  const defined = new Set(definitionIds);
  const problems: string[] = [];
  const articleOf = new Map<string, string>();
  for (const { path, architecture } of [...articles].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const slug = path.startsWith(ARTICLES) ? path.slice(ARTICLES.length).replace(/\.mdx?$/, '') : undefined;
    if (slug !== undefined) {
      if (architecture === undefined)
        problems.push(`${path} has no architecture in its frontmatter: expected "architecture: ${slug}", the architecture defined in ${definitionPath(slug)}`);
      else if (architecture !== slug)
        problems.push(`${path} names architecture "${architecture}", but an article's architecture is its file name: expected "architecture: ${slug}"`);
      else articleOf.set(slug, path);
      if (!defined.has(slug) && architecture !== slug)
        problems.push(`${path} is the article of architecture "${slug}" but ${definitionPath(slug)} does not exist`);
    }
    if (architecture !== undefined && !defined.has(architecture))
      problems.push(`${path} names architecture "${architecture}" but ${definitionPath(architecture)} does not exist`);
  }
  for (const id of [...defined].sort())
    if (!articleOf.has(id) && !articles.some((a) => a.path === `${ARTICLES}${id}.mdx` || a.path === `${ARTICLES}${id}.md`))
      problems.push(`${definitionPath(id)} defines architecture "${id}" but ${ARTICLES}${id}.mdx does not exist`);
  return problems;
}

/** The problems as one message, for a build to stop with. */
export const articleDriftMessage = (problems: readonly string[]): string =>
  `definitions and articles do not match (each definition in src/zoo needs its article in content/architectures, and each article its definition):\n${problems.map((p) => `  - ${p}`).join('\n')}`;
