import { createRegistry } from './registry';

/**
 * The registry as Vite-based tools (Astro pages, vitest) see it: every file in src/zoo is a definition.
 * The CLI, which runs outside Vite, discovers the same folder with `discoverDefinitions` instead.
 */
const modules = import.meta.glob<Record<string, unknown>>('../zoo/*.ts', { eager: true });

export const registry = createRegistry(
  Object.entries(modules).map(([path, exports]) => ({ path: `src/zoo/${path.replace(/^.*\//, '')}`, exports })),
);
