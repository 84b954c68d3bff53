import { FAMILIES } from './families';
import type { AnyArchitecture } from './types';

/**
 * The zoo's one reading order, used everywhere architectures are listed: the sidebar, the home
 * page's grid and the 404 page's list.
 *
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

/** The architectures in reading order: family by family, as the sidebar lists them. */
export function inReadingOrder<A extends AnyArchitecture>(all: readonly A[]): A[] {
  const order = new Map(all.map((a) => [a, sidebarOrder(a, all)]));
  return [...all].sort((a, b) => order.get(a)! - order.get(b)!);
}

/** The families that have architectures, in the home page's order, each with its architectures in reading order. */
export function familiesInReadingOrder<A extends AnyArchitecture>(all: readonly A[]): { id: string; label: string; architectures: A[] }[] {
  const ordered = inReadingOrder(all);
  return FAMILIES.map((f) => ({ id: f.id, label: f.label, architectures: ordered.filter((a) => a.family === f.id) })).filter((f) => f.architectures.length > 0);
}
