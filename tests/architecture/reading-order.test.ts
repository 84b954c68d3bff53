import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FAMILIES } from '../../src/architecture/families';
import { registry } from '../../src/architecture/registry.vite';
import { familiesInReadingOrder, inReadingOrder } from '../../src/architecture/sidebar-order';
import { PROJECT_ROOT } from '../support/temp-project';

const read = (path: string) => readFileSync(`${PROJECT_ROOT}${path}`, 'utf8');

/** The order Starlight's sidebar really uses: each article's frontmatter `sidebar.order`. */
const sidebarPosition = (id: string) => Number(/\nsidebar:\n {2}order: (\d+)\n/.exec(read(`content/architectures/${id}.mdx`))?.[1]);

describe('one reading order for the sidebar, the home grid and the 404 list', () => {
  it('lists every architecture once, in the order of the articles’ sidebar positions', () => {
    const ids = inReadingOrder(registry.architectures).map((a) => a.id);
    expect([...ids].sort()).toEqual(registry.architectures.map((a) => a.id));
    expect(ids).toEqual([...ids].sort((a, b) => sidebarPosition(a) - sidebarPosition(b)));
  });

  it('groups the home grid by family in the families’ order, each family in the sidebar’s order — the plain recurrent network before the LSTM', () => {
    const families = familiesInReadingOrder(registry.architectures);
    expect(families.map((f) => f.id)).toEqual(FAMILIES.map((f) => f.id).filter((id) => registry.architectures.some((a) => a.family === id)));
    expect(families.flatMap((f) => f.architectures.map((a) => a.id))).toEqual(inReadingOrder(registry.architectures).map((a) => a.id));
    const recurrent = families.find((f) => f.id === 'recurrent')!.architectures.map((a) => a.id);
    expect(recurrent.indexOf('recurrent-network')).toBeLessThan(recurrent.indexOf('lstm'));
    expect(recurrent, 'not alphabetical').not.toEqual([...recurrent].sort());
  });

  it('is where the home grid and the 404 list take their order from', () => {
    const grid = read('src/components/ArchitectureGrid.astro');
    expect(grid).toMatch(/familiesInReadingOrder\(registry\.architectures\)/);
    expect(grid).not.toMatch(/\.sort\(|FAMILIES/);
    const list = read('src/components/ArchitectureList.astro');
    expect(list).toMatch(/inReadingOrder\(registry\.architectures\)\.map/);
    expect(list).not.toMatch(/registry\.architectures\.map/);
  });
});
