import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registry } from '../../src/architecture/registry.vite';

const read = (path: string) => readFileSync(new URL(`../../content/${path}`, import.meta.url), 'utf8');
const linked = (text: string) => new Set([...text.matchAll(/\]\(\.\.\/\.\.\/architectures\/([a-z0-9-]+)\/\)/g)].map((m) => m[1]));

describe.each(['guides/choosing-an-architecture.mdx', 'guides/paradigms.mdx'])('the guide %s', (page) => {
  const text = read(page);

  it('links every architecture of the zoo, and no article that does not exist', () => {
    const ids = registry.architectures.map((a) => a.id);
    expect([...linked(text)].filter((id) => !ids.includes(id!))).toEqual([]);
    expect(ids.filter((id) => !linked(text).has(id))).toEqual([]);
  });
});

describe('the home page', () => {
  it('links both guides', () => {
    const home = read('index.mdx');
    expect(home).toContain('guides/choosing-an-architecture/');
    expect(home).toContain('guides/paradigms/');
  });
});
