// @ts-check
/**
 * Where the built site will be published, from the environment, so one build command serves a
 * laptop, a project page under a sub-path, or a domain of its own:
 *   SITE_URL   absolute http(s) address of the published site, e.g. https://example.org or
 *              https://example.org/runnable-zoo/; canonical URLs and the sitemap use it
 *   BASE_PATH  the path the site is served under, e.g. /runnable-zoo/; defaults to SITE_URL's path (or /)
 * A path in SITE_URL is the base path: given in both, they must agree. Anything else that would be
 * dropped or resolved away without a word (a query, a fragment, credentials, `.` or `..` segments)
 * is refused with the variable, its value and what is expected.
 * Plain JS because astro.config.mjs loads it before any TypeScript tooling runs.
 */

/** @typedef {{ site: string, base: string }} Deployment */

/** A path of URL-safe segments, none of them `.` or `..`, starting with / (the trailing / optional). */
const isCleanPath = (/** @type {string} */ path) =>
  /^\/(?:[A-Za-z0-9._~-]+\/?)*$/.test(path) && !path.split('/').some((s) => s === '.' || s === '..');

const withTrailingSlash = (/** @type {string} */ path) => (path.endsWith('/') ? path : `${path}/`);

/**
 * @param {string} site
 * @returns {{ url: URL, path: string }}
 */
function parseSiteUrl(site) {
  const expected = 'expected an absolute http(s) URL such as https://example.org or https://example.org/runnable-zoo/';
  const fail = (/** @type {string} */ why) => new Error(`SITE_URL: ${why}, got ${JSON.stringify(site)}`);
  /** @type {URL} */
  let url;
  try {
    url = new URL(site);
  } catch {
    throw fail(expected);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw fail('expected an http or https URL');
  // The parser resolves `..`, drops an empty query and makes `https:///x` a host: judge what was written.
  const written = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)([^?#]*)/.exec(site);
  const authority = written?.[1] ?? '';
  if (!written || authority === '') throw fail(expected);
  if (authority.includes('@')) throw fail('expected an address without credentials (user:password@)');
  if (site.includes('?')) throw fail('expected an address without a query (?…)');
  if (site.includes('#')) throw fail('expected an address without a fragment (#…)');
  const path = written[2] || '/';
  if (!isCleanPath(path))
    throw fail('expected a path made of URL-safe segments, none of them . or .. (e.g. https://example.org/runnable-zoo/)');
  return { url, path: withTrailingSlash(path) };
}

/**
 * @param {Record<string, string | undefined>} env
 * @returns {Deployment}
 */
export function deploymentFromEnv(env) {
  const site = env.SITE_URL?.trim() || 'http://127.0.0.1:4321';
  const { url, path: sitePath } = parseSiteUrl(site);
  const raw = env.BASE_PATH?.trim();
  if (raw !== undefined && raw !== '' && !isCleanPath(raw))
    throw new Error(
      `BASE_PATH: expected a path starting with / made of URL-safe segments, none of them . or .. (e.g. /runnable-zoo/), got ${JSON.stringify(raw)}`,
    );
  const base = raw ? withTrailingSlash(raw) : sitePath;
  if (sitePath !== '/' && base !== sitePath)
    throw new Error(
      `SITE_URL and BASE_PATH disagree: SITE_URL ${JSON.stringify(site)} has the path ${sitePath} but BASE_PATH is ${JSON.stringify(raw)}; ` +
        `expected the same path in both, or the path in one of them only (e.g. SITE_URL=${url.origin}${base})`,
    );
  // The site is the origin and the path is the base, as Astro expects (a path in `site` alone is
  // what made canonical URLs, the sitemap and assets drop the sub-path).
  return { site: `${url.origin}/`, base };
}
