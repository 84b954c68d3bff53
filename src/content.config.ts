import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { defineCollection, z } from 'astro:content';
import { glob } from 'astro/loaders';
import type { Loader } from 'astro/loaders';
import { articleDriftMessage, articleDriftProblems } from './architecture/article-drift';

/**
 * The glob loader, then a check that definitions and articles match (article-drift.ts). It runs here,
 * where every build reads the articles and their parsed frontmatter (`npm run build`, `npm start`,
 * `npm test`, a bare `astro build` or `astro sync`), before any page is rendered. A build stops with
 * every mismatch named; `astro dev` only warns, so the server stays up while an article is written.
 */
function withArticleCheck(loader: Loader): Loader {
  return {
    ...loader,
    async load(context) {
      await loader.load(context);
      const zoo = fileURLToPath(new URL('src/zoo/', context.config.root));
      const definitionIds = (await readdir(zoo)).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, ''));
      const articles = context.store.values().map((entry) => ({
        path: entry.filePath ?? entry.id,
        architecture: typeof entry.data.architecture === 'string' ? entry.data.architecture : undefined,
      }));
      const problems = articleDriftProblems(definitionIds, articles);
      if (problems.length === 0) return;
      if (context.watcher) for (const problem of problems) context.logger.warn(problem);
      else throw new Error(articleDriftMessage(problems));
    },
  };
}

// Articles live in content/ at the top level (not src/content/docs): prose is kept apart from code.
export const collections = {
  docs: defineCollection({
    loader: withArticleCheck(glob({ base: './content', pattern: '**/*.{md,mdx}' })),
    schema: docsSchema({
      extend: z.object({
        /** The architecture an article explains: its file name, defined in src/zoo/<architecture>.ts (checked by withArticleCheck). */
        architecture: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a kebab-case architecture id').optional(),
      }),
    }),
  }),
  /** Starlight's interface strings, where we word them our own way (src/content/i18n, Starlight's place). */
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
};
