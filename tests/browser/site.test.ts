/**
 * Browser tests of the built site's reading pages (`npm test` builds it first): navigation, diagrams,
 * small screens, dark mode and accessibility. The demos have their own suite (demos.test.ts).
 *
 * Contract with the site: the home page has a `[data-architecture-card]` per architecture, each with
 * an inline `<svg>` thumbnail; diagrams are `svg[data-architecture][data-view]` with `role="img"` and
 * a non-empty `<title>`.
 */
import { describe, expect, it } from 'vitest';
import { expectAccessibleBasics } from '../support/accessibility';
import { useBuiltSite } from '../support/site-browser';

const ESN_PATH = '/architectures/echo-state-network/';
const ELM_PATH = '/architectures/extreme-learning-machine/';

const { visit } = useBuiltSite();

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

describe('the home page', () => {
  it('renders a grid of at least five architecture cards, each with an inline SVG thumbnail', async () => {
    const { page } = await visit('/');
    const cards = await page.locator('[data-architecture-card]').evaluateAll((elements) =>
      elements.map((card) => {
        const svg = card.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        return {
          card: card.getAttribute('data-architecture-card') || (card.textContent ?? '').trim().slice(0, 60),
          hasInlineSvg: svg !== null,
          width: box?.width ?? 0,
          height: box?.height ?? 0,
        };
      }),
    );
    expect(cards.length, 'number of [data-architecture-card] elements').toBeGreaterThanOrEqual(5);
    expect(cards.filter((c) => !c.hasInlineSvg).map((c) => c.card), 'cards without an inline <svg>').toEqual([]);
    expect(
      cards.filter((c) => c.width <= 0 || c.height <= 0).map((c) => c.card),
      'cards whose <svg> thumbnail has no size',
    ).toEqual([]);
  }, 60_000);
});

describe('the echo-state network page', () => {
  it('shows the network diagram as a visible, titled image', async () => {
    const { page } = await visit(ESN_PATH);
    const diagrams = page.locator('svg[data-architecture="echo-state-network"][data-view="cells"]');
    expect(await diagrams.count(), 'svg[data-architecture="echo-state-network"][data-view="cells"]').toBeGreaterThanOrEqual(1);
    const diagram = diagrams.first();

    expect(await diagram.isVisible(), 'the diagram is visible').toBe(true);
    const box = await diagram.boundingBox();
    expect(box?.width ?? 0, 'diagram width').toBeGreaterThan(0);
    expect(box?.height ?? 0, 'diagram height').toBeGreaterThan(0);
    expect(await diagram.getAttribute('role')).toBe('img');
    const details = await diagram.evaluate((svg) => ({
      title: svg.querySelector(':scope > title')?.textContent?.trim() ?? '',
      shapes: svg.querySelectorAll('rect, circle, ellipse, path, line, polyline, polygon').length,
    }));
    expect(details.title, 'the diagram has a non-empty <title> child').not.toBe('');
    expect(details.shapes, 'the diagram draws something').toBeGreaterThan(0);
  }, 60_000);
});

describe.each([
  { label: 'home page', path: '/' },
  { label: 'echo-state network page', path: ESN_PATH },
  { label: 'extreme learning machine page', path: ELM_PATH },
])('the $label', ({ path }) => {
  it('meets accessibility basics: titled SVG images, named buttons, one h1 and a page language', async () => {
    const { page } = await visit(path);
    await expectAccessibleBasics(page);
  }, 60_000);
});
