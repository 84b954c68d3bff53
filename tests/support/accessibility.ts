/** Accessibility checks shared by the browser suites. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2.x A and AA rules, plus best practices) on the page as it is now and expects
 * no violation; the failure lists each rule with the offending elements. `scope` (a CSS selector)
 * limits the check to one part of the page; the whole document by default.
 */
export async function expectNoAxeViolations(page: Page, what: string, scope?: string): Promise<void> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async (scopeSelector) => {
    const axe = (window as unknown as { axe: { run: (ctx: Document | string, opts: object) => Promise<{ violations: { id: string; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } }).axe;
    // resultTypes: every violation is still reported with all its nodes; passes and incomplete
    // results, which nobody reads here, are cut to one node each instead of computing every selector.
    const result = await axe.run(scopeSelector ?? document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => `${v.id} (${v.help}): ${v.nodes.slice(0, 5).map((n) => `${JSON.stringify(n.target)} ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`).join(' | ')}`);
  }, scope ?? null);
  expect(violations, `axe-core violations on ${what}`).toEqual([]);
}

/**
 * Checks, within `scope` (a CSS selector; the whole document by default):
 * every `svg[role="img"]` has a non-empty `<title>` child, and every button
 * exposed to assistive technology has a non-empty accessible name (as computed
 * by Chromium's accessibility tree). For the whole document it also checks
 * there is exactly one `<h1>` and that `<html>` has a `lang`.
 */
export async function expectAccessibleBasics(page: Page, scope?: string): Promise<void> {
  const where = scope ?? 'the page';
  const svgsWithoutTitle = await page.evaluate((scopeSelector) => {
    const roots = scopeSelector ? Array.from(document.querySelectorAll(scopeSelector)) : [document.documentElement];
    return roots.flatMap((root) =>
      Array.from(root.querySelectorAll('svg[role="img"]'))
        .filter((svg) => !svg.querySelector(':scope > title')?.textContent?.trim())
        .map((svg) => svg.outerHTML.slice(0, 160)),
    );
  }, scope ?? null);
  expect(svgsWithoutTitle, `every svg[role="img"] in ${where} needs a non-empty <title> child`).toEqual([]);

  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const selector = ['button', '[role="button"]']
      .map((s) => (scope ? `${scope} ${s}` : s))
      .join(', ');
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector });
    const nameless: string[] = [];
    for (const nodeId of nodeIds) {
      const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
      const node = nodes[0];
      if (!node || node.ignored) continue; // hidden from assistive technology (display:none, aria-hidden, …)
      const name = typeof node.name?.value === 'string' ? node.name.value.trim() : '';
      if (!name) {
        const { outerHTML } = await cdp.send('DOM.getOuterHTML', { nodeId });
        nameless.push(outerHTML.slice(0, 160));
      }
    }
    expect(nameless, `every button in ${where} needs an accessible name`).toEqual([]);
  } finally {
    await cdp.detach().catch(() => undefined);
  }

  if (!scope) {
    expect(await page.locator('h1').count(), 'the page has exactly one <h1>').toBe(1);
    const lang = await page.locator('html').getAttribute('lang');
    expect(lang?.trim(), '<html> has a non-empty lang attribute').toBeTruthy();
  }
}
