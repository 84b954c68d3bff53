/** Every article, on a desktop: its sidebar lists every article, and it links to its neighbours. */
import { expect } from 'vitest';
import { articlePaths, isArticle, pageCheck } from '../../support/page-checks';

const ARTICLES = articlePaths();

pageCheck('has every article in its sidebar, and previous/next links', { paths: isArticle, devices: ['desktop'] }, async ({ page }) => {
  const sidebar = await page.locator('#starlight__sidebar a[href]').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  expect([...new Set(sidebar)].filter((p) => ARTICLES.includes(p)).sort()).toEqual(ARTICLES);
  const pagination = await page.locator('.pagination-links a[href]').count();
  expect(pagination, 'previous and/or next links').toBeGreaterThanOrEqual(1);
});
