/** What an article says, as a reader sees it. */
import { expect } from 'vitest';
import { pageCheck } from '../../support/page-checks';

pageCheck('cites its paper with spaces between the parts', { paths: ['/architectures/echo-state-network/'], devices: ['desktop'] }, async ({ page }) => {
  const citation = (await page.locator('.rz-paper').first().innerText()).replace(/\s+/g, ' ').trim();
  expect(citation).toMatch(/\(\d{4}\)\. \S.*\. \S/);
  expect(citation).not.toMatch(/\.[A-Z]/);
});
