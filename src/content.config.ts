import { i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { defineCollection, z } from 'astro:content';
import { glob } from 'astro/loaders';

// Articles live in content/ at the top level (not src/content/docs): prose is kept apart from code.
export const collections = {
  docs: defineCollection({
    loader: glob({ base: './content', pattern: '**/*.{md,mdx}' }),
    schema: docsSchema({
      extend: z.object({
        /** The architecture an article explains; its id is checked against the registry by the components. */
        architecture: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a kebab-case architecture id').optional(),
      }),
    }),
  }),
  /** Starlight's interface strings, where we word them our own way (src/content/i18n, Starlight's place). */
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
};
