/**
 * The contrast of every inline diagram as rendered, light and dark, is a page check
 * (tests/browser/page-checks/diagram-contrast.ts) run on pages.test.ts's desktop visit of each page in
 * each scheme, not on visits of its own. These make sure that covers every diagram of the build.
 */
import { describe, expect, it } from 'vitest';
import { sitePages } from '../support/page-checks';
import { pagesWithDiagrams } from './page-checks/diagram-contrast';

const PAGES = pagesWithDiagrams();

describe('every inline diagram, as rendered in both themes', () => {
  it('is found on the built pages', () => {
    expect(PAGES.length, 'pages of dist/ that inline a diagram (npm run build first)').toBeGreaterThan(20);
  });

  it('is on a page that pages.test.ts visits in both schemes on a desktop, where its contrast is checked', () => {
    const visited = new Set(sitePages());
    expect(PAGES.map(([path]) => path).filter((path) => !visited.has(path))).toEqual([]);
  });
});
