import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GLOSSARY_TERMS, glossaryAnchors, glossaryHref, glossaryLinks, says, uses } from '../support/glossary';

const contentDir = new URL('../../content/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, contentDir), 'utf8');
const glossary = read('guides/glossary.mdx');
const anchors = glossaryAnchors(glossary);

/** Every page under content/ except the glossary itself, as a path relative to content/. */
const pages = readdirSync(contentDir, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.mdx') && f !== 'guides/glossary.mdx' && f !== '404.mdx')
  .sort();

describe('the glossary', () => {
  it('has one entry per term the articles are checked for, and no other', () => {
    expect([...anchors].sort()).toEqual(GLOSSARY_TERMS.map((t) => t.anchor).sort());
    expect(new Set(anchors).size).toBe(anchors.length);
  });

  it('links between its own entries only to anchors it has', () => {
    const inner = [...glossary.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
    expect(inner.length).toBeGreaterThan(0);
    for (const anchor of inner) expect(anchors, `glossary: #${anchor}`).toContain(anchor);
  });

  it('stands in the sidebar with the guides', () => {
    expect(glossary).toMatch(/^---\ntitle: Glossary\n[\s\S]*?\nsidebar:\n {2}order: \d+\n[\s\S]*?---/);
  });

  describe.each(pages)('%s', (page) => {
    const text = read(page);
    const links = glossaryLinks(text);

    it('links to the glossary only at anchors it has, by a relative link that works under any base path', () => {
      for (const link of links) {
        expect(anchors, `${page}: [${link.text}](…#${link.anchor})`).toContain(link.anchor);
        expect(text.slice(link.start, link.end)).toBe(`[${link.text}](${glossaryHref(page, link.anchor)})`);
      }
    });

    it('links every glossary term it uses at its first use in the text', () => {
      for (const term of GLOSSARY_TERMS) {
        const first = uses(text, term)[0];
        const linked = links.filter((l) => l.anchor === term.anchor);
        if (first === undefined) continue;
        const line = text.slice(0, first.start).split('\n').length;
        expect(linked[0]?.start, `${page}:${line}: "${text.slice(first.start, first.end)}" is its first use of "${term.anchor}"; link it there`).toBeLessThan(first.start);
      }
      for (const link of links) {
        const term = GLOSSARY_TERMS.find((t) => t.anchor === link.anchor)!;
        expect(says(term, link.text), `${page}: the link text "${link.text}" says ${link.anchor}`).toBe(true);
      }
    });
  });
});
