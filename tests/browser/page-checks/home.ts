/**
 * The home page, on a desktop. Contract with the site: a `[data-architecture-card]` per
 * architecture, each with an inline `<svg>` thumbnail and one link, grouped in `[data-family]`
 * sections under a heading each.
 */
import { nameWithAbbreviation } from '../../../src/architecture/names';
import { expect } from 'vitest';
import { registry } from '../../../src/architecture/registry.vite';
import { pageCheck } from '../../support/page-checks';

pageCheck('has one card per architecture, each a short link by name with a visible pictogram', { paths: ['/'], devices: ['desktop'] }, async ({ page }) => {
  const cards = await page.locator('[data-architecture-card]').evaluateAll((elements) =>
    elements.map((card) => {
      const links = card.querySelectorAll('a[href]');
      const svg = card.querySelector('svg');
      const box = svg?.getBoundingClientRect();
      return {
        id: card.getAttribute('data-architecture-card'),
        links: links.length,
        href: links[0]?.getAttribute('href'),
        visibleText: svg ? Array.from(svg.querySelectorAll('text')).filter((t) => getComputedStyle(t).display !== 'none').length : -1,
        hidden: svg?.closest('[aria-hidden="true"]') !== null,
        width: box?.width ?? 0,
        height: box?.height ?? 0,
      };
    }),
  );
  expect(cards.map((c) => c.id).sort()).toEqual(registry.architectures.map((a) => a.id).sort());
  // Grouped by family, under a heading each, every card in its own architecture's family.
  const families = await page.locator('[data-family]').evaluateAll((sections) =>
    sections.map((s) => ({ family: s.getAttribute('data-family'), heading: s.querySelector('h3')?.textContent ?? '', cards: Array.from(s.querySelectorAll('[data-architecture-card]')).map((c) => c.getAttribute('data-architecture-card')) })),
  );
  for (const { family, heading, cards: ids } of families) {
    expect(heading, `${family}: heading`).not.toBe('');
    for (const id of ids) expect(registry.get(id!).family, `${id} is listed under ${family}`).toBe(family);
  }
  for (const card of cards) {
    expect(card, `${card.id}: one link to its article`).toMatchObject({ links: 1, href: `/architectures/${card.id}/` });
    expect(card, `${card.id}: a drawn, text-free thumbnail hidden from screen readers`).toMatchObject({ visibleText: 0, hidden: true });
    expect(card.width * card.height, `${card.id}: thumbnail size`).toBeGreaterThan(0);
  }
  // The accessible name of each link, as Chromium computes it: the architecture's name, not the diagram's description.
  const snapshot = await page.locator('main').ariaSnapshot();
  for (const a of registry.architectures) expect(snapshot).toContain(`link "${nameWithAbbreviation(a)}"`);
});
