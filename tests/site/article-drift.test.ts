import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { articleDriftProblems } from '../../src/architecture/article-drift';
import { environmentOutsideVitest, tempSite } from '../support/temp-project';

const article = (id: string, ...named: [architecture?: string]) => ({ path: `content/architectures/${id}.mdx`, architecture: named.length > 0 ? named[0] : id });

describe('articleDriftProblems', () => {
  it('finds none when every definition has its article naming it, and other pages name none', () => {
    expect(
      articleDriftProblems(['gru', 'lstm'], [article('gru'), { path: 'content/architectures/lstm.md', architecture: 'lstm' }, { path: 'content/guides/reading.mdx' }]),
    ).toEqual([]);
  });

  it('names the definition and the missing article of an architecture without one', () => {
    expect(articleDriftProblems(['gru', 'lstm'], [article('gru')])).toEqual([
      'src/zoo/lstm.ts defines architecture "lstm" but content/architectures/lstm.mdx does not exist',
    ]);
  });

  it('names the article and the missing definition of an architecture that does not exist, wherever the article is', () => {
    expect(articleDriftProblems(['gru'], [article('gru'), article('unwritten-network'), { path: 'content/compare/x.mdx', architecture: 'gan' }])).toEqual([
      'content/architectures/unwritten-network.mdx names architecture "unwritten-network" but src/zoo/unwritten-network.ts does not exist',
      'content/compare/x.mdx names architecture "gan" but src/zoo/gan.ts does not exist',
    ]);
  });

  it('holds an article of content/architectures to its file name', () => {
    expect(articleDriftProblems(['gru', 'lstm'], [article('gru', undefined), article('lstm', 'gru')])).toEqual([
      'content/architectures/gru.mdx has no architecture in its frontmatter: expected "architecture: gru", the architecture defined in src/zoo/gru.ts',
      'content/architectures/lstm.mdx names architecture "gru", but an article\'s architecture is its file name: expected "architecture: lstm"',
    ]);
  });

  it('names an article in content/architectures that names no architecture and has no definition', () => {
    expect(articleDriftProblems([], [article('notes', undefined)])).toEqual([
      'content/architectures/notes.mdx has no architecture in its frontmatter: expected "architecture: notes", the architecture defined in src/zoo/notes.ts',
      'content/architectures/notes.mdx is the article of architecture "notes" but src/zoo/notes.ts does not exist',
    ]);
  });
});

describe('a build of a site whose definitions and articles drifted apart', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((c) => c()));
  });
  const site = async (): Promise<string> => {
    const { root, cleanup } = await tempSite();
    cleanups.push(cleanup);
    return root;
  };
  const astro = (root: string, command: 'build' | 'sync') =>
    spawnSync('npx', ['astro', command], { cwd: root, encoding: 'utf8', env: environmentOutsideVitest() });

  it('stops before rendering a page, naming both files of every mismatch', async () => {
    const root = await site();
    // A definition without its article, and an article of an architecture that has no definition.
    await rm(join(root, 'content/architectures/perceptron.mdx'));
    const gru = await readFile(join(root, 'content/architectures/gru.mdx'), 'utf8');
    await writeFile(join(root, 'content/architectures/unwritten-network.mdx'), gru.replace(/\narchitecture: gru\n/, '\narchitecture: unwritten-network\n'));

    const build = astro(root, 'build');
    const output = build.stdout + build.stderr;
    expect(build.status, output).toBe(1);
    expect(output).toContain('content/architectures/unwritten-network.mdx names architecture "unwritten-network" but src/zoo/unwritten-network.ts does not exist');
    expect(output).toContain('src/zoo/perceptron.ts defines architecture "perceptron" but content/architectures/perceptron.mdx does not exist');
    expect(existsSync(join(root, 'dist', 'index.html'))).toBe(false);
  }, 120_000);

  it('passes the check where they match, also once a definition and its article are added together', async () => {
    // `astro sync` is the step of the build that reads the articles and runs the check; the whole build
    // of the unchanged tree is in tests/site/deployment.test.ts (and `npm test` builds it).
    const root = await site();
    expect(astro(root, 'sync').status).toBe(0);
    const perceptron = await readFile(join(root, 'content/architectures/perceptron.mdx'), 'utf8');
    await writeFile(join(root, 'content/architectures/unwritten-network.mdx'), perceptron.replace(/\narchitecture: perceptron\n/, '\narchitecture: unwritten-network\n'));
    const definition = await readFile(join(root, 'src/zoo/perceptron.ts'), 'utf8');
    await writeFile(join(root, 'src/zoo/unwritten-network.ts'), definition.replace("id: 'perceptron'", "id: 'unwritten-network'"));
    const sync = astro(root, 'sync');
    expect(sync.status, sync.stdout + sync.stderr).toBe(0);
  }, 120_000);
});
