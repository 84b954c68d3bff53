import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploymentFromEnv } from '../../src/site/deployment.mjs';
import { environmentOutsideVitest } from '../support/temp-project';

const ROOT = new URL('../../', import.meta.url).pathname;

describe('deploymentFromEnv', () => {
  it('serves from the local preview address at / when nothing is set', () => {
    expect(deploymentFromEnv({})).toEqual({ site: 'http://127.0.0.1:4321/', base: '/' });
  });

  it('takes SITE_URL and BASE_PATH, with a trailing slash on the base', () => {
    expect(deploymentFromEnv({ SITE_URL: 'https://example.org', BASE_PATH: '/runnable-zoo' })).toEqual({
      site: 'https://example.org/',
      base: '/runnable-zoo/',
    });
  });

  it('keeps a port and lowers the case of scheme and host', () => {
    expect(deploymentFromEnv({ SITE_URL: 'HTTPS://Example.ORG:8443' })).toEqual({ site: 'https://example.org:8443/', base: '/' });
  });

  it.each([
    [{ SITE_URL: 'https://example.org/runnable-zoo/' }],
    [{ SITE_URL: 'https://example.org/runnable-zoo' }],
    [{ SITE_URL: 'https://example.org/runnable-zoo/', BASE_PATH: '/runnable-zoo' }],
  ])('takes the base path from the path in SITE_URL (%o), as if it were given in BASE_PATH', (env) => {
    expect(deploymentFromEnv(env)).toEqual({ site: 'https://example.org/', base: '/runnable-zoo/' });
  });

  it.each([
    [{ SITE_URL: 'https://example.org/a/', BASE_PATH: '/b/' }, '"/b/"'],
    [{ SITE_URL: 'https://example.org/a/', BASE_PATH: '/' }, '"/"'],
  ])('refuses %o: the path in SITE_URL and BASE_PATH disagree', (env, given) => {
    expect(() => deploymentFromEnv(env)).toThrow(
      `SITE_URL and BASE_PATH disagree: SITE_URL "https://example.org/a/" has the path /a/ but BASE_PATH is ${given}; expected the same path in both`,
    );
  });

  it.each([
    [{ SITE_URL: 'example.org' }, /^SITE_URL: expected an absolute http\(s\) URL .*got "example\.org"$/],
    [{ SITE_URL: 'ftp://example.org' }, /^SITE_URL: expected an http or https URL, got "ftp:\/\/example\.org"$/],
    [{ SITE_URL: 'https:///runnable-zoo/' }, /^SITE_URL: expected an absolute http\(s\) URL .*got "https:\/\/\/runnable-zoo\/"$/],
    [{ SITE_URL: 'https://example.org/?lang=en' }, /^SITE_URL: expected an address without a query \(\?…\), got "https:\/\/example\.org\/\?lang=en"$/],
    [{ SITE_URL: 'https://example.org/?' }, /^SITE_URL: expected an address without a query \(\?…\), got "https:\/\/example\.org\/\?"$/],
    [{ SITE_URL: 'https://example.org/zoo/#top' }, /^SITE_URL: expected an address without a fragment \(#…\), got "https:\/\/example\.org\/zoo\/#top"$/],
    [{ SITE_URL: 'https://user:secret@example.org/' }, /^SITE_URL: expected an address without credentials \(user:password@\), got "https:\/\/user:secret@example\.org\/"$/],
    [{ SITE_URL: 'https://user@example.org/' }, /^SITE_URL: expected an address without credentials .*got "https:\/\/user@example\.org\/"$/],
    [{ SITE_URL: 'https://example.org/a/../zoo/' }, /^SITE_URL: expected a path made of URL-safe segments, none of them \. or \.\. .*got "https:\/\/example\.org\/a\/\.\.\/zoo\/"$/],
    [{ BASE_PATH: 'zoo/' }, /^BASE_PATH: expected a path starting with \/ .*got "zoo\/"$/],
    [{ BASE_PATH: '/a b/' }, /^BASE_PATH: .*got "\/a b\/"$/],
    [{ BASE_PATH: '/../' }, /^BASE_PATH: expected a path starting with \/ made of URL-safe segments, none of them \. or \.\. \(e\.g\. \/runnable-zoo\/\), got "\/\.\.\/"$/],
    [{ BASE_PATH: '/./' }, /^BASE_PATH: .*none of them \. or \.\. .*got "\/\.\/"$/],
    [{ BASE_PATH: '/zoo/..' }, /^BASE_PATH: .*none of them \. or \.\. .*got "\/zoo\/\.\."$/],
  ])('rejects %o, naming the variable and what it expected', (env, message) => {
    expect(() => deploymentFromEnv(env)).toThrow(message);
  });
});

/** Every file under `dir`, relative to it. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)));

// Built with the sub-path in SITE_URL alone, the form that once dropped it (deploymentFromEnv gives
// the same configuration as SITE_URL=https://zoo.example.org BASE_PATH=/runnable-zoo/).
describe('a build published under a sub-path', () => {
  let out: string;
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'rz-base-'));
    await promisify(execFile)('npx', ['astro', 'build', '--outDir', out], {
      cwd: ROOT,
      env: { ...environmentOutsideVitest(), SITE_URL: 'https://zoo.example.org/runnable-zoo/' },
    });
  }, 180_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('links and loads only addresses under the base path that exist in the build', () => {
    const pages = filesUnder(out).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(5);
    const broken: string[] = [];
    for (const page of pages) {
      const html = readFileSync(join(out, page), 'utf8');
      const pageUrl = new URL(`/runnable-zoo/${page.replace(/index\.html$/, '')}`, 'https://zoo.example.org');
      for (const [, attr, value] of html.matchAll(/\s(href|src)="([^"#][^"]*)"/g)) {
        const target = new URL(value!.replace(/&amp;/g, '&'), pageUrl);
        // Other sites, and the 404 page's canonical address (it is served for any missing path).
        if (target.origin !== pageUrl.origin || (page === '404.html' && target.pathname === '/runnable-zoo/404/')) continue;
        const path = decodeURIComponent(target.pathname);
        const file = path.startsWith('/runnable-zoo/') ? path.slice('/runnable-zoo/'.length) : undefined;
        const exists = file !== undefined && (existsSync(join(out, file)) && !file.endsWith('/') ? true : existsSync(join(out, file, 'index.html')));
        if (!exists) broken.push(`${page}: ${attr}="${value}"`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('states canonical addresses and the sitemap on the configured site', () => {
    const home = readFileSync(join(out, 'index.html'), 'utf8');
    expect(home).toContain('<link rel="canonical" href="https://zoo.example.org/runnable-zoo/"/>');
    expect(readFileSync(join(out, 'sitemap-0.xml'), 'utf8')).toContain('<loc>https://zoo.example.org/runnable-zoo/architectures/perceptron/</loc>');
  });
});
