import { FAMILIES } from './families';
import type { AnyArchitecture } from './types';

/**
 * Where an architecture's article sits in the site's sidebar (its frontmatter `sidebar.order`): in
 * the home page's family order, and within a family by year, then id. Related articles stand
 * together, and "next" walks from the plain recurrent network to the LSTM and on, as a reader
 * would. tests/content/articles.test.ts checks every article's frontmatter against this.
 */
export function sidebarOrder(architecture: AnyArchitecture, all: readonly AnyArchitecture[]): number {
  const family = FAMILIES.findIndex((f) => f.id === architecture.family);
  const siblings = all
    .filter((a) => a.family === architecture.family)
    .sort((a, b) => a.year - b.year || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return 100 * (family + 1) + siblings.indexOf(architecture) + 1;
}
