import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registry } from '../../src/architecture/registry.vite';
import { inReadingOrder } from '../../src/architecture/sidebar-order';
import { PROJECT_ROOT } from '../support/temp-project';

const DIST_DIR = `${PROJECT_ROOT}dist/`;

/** The built pages, as served (`npm test` builds them first). */
function built(page: string): string {
  const path = `${DIST_DIR}${page}`;
  if (!existsSync(path)) throw new Error(`${path} not found: run \`npm run build\` first (\`npm test\` does this for you)`);
  return readFileSync(path, 'utf8');
}

const readingOrder = inReadingOrder(registry.architectures).map((a) => a.id);

describe('the built site lists architectures in the sidebar’s order', () => {
  it('the home page’s cards, family by family', () => {
    const cards = [...built('index.html').matchAll(/data-architecture-card="([\w-]+)"/g)].map((m) => m[1]);
    expect(cards).toEqual(readingOrder);
  });

  it('the sidebar of an article, and the 404 page’s way back', () => {
    const sidebar = [...built('architectures/perceptron/index.html').matchAll(/href="\/architectures\/([\w-]+)\/"/g)].map((m) => m[1]!);
    expect([...new Set(sidebar)].filter((id) => readingOrder.includes(id))).toEqual(readingOrder);
    const list = /<nav aria-label="Ways back into the zoo">[\s\S]*?<\/nav>/.exec(built('404.html'))?.[0] ?? '';
    expect([...list.matchAll(/architectures\/([\w-]+)\//g)].map((m) => m[1])).toEqual(readingOrder);
  });
});
