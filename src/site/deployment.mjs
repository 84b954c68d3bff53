// @ts-check
/**
 * Where the built site will be published, from the environment, so one build command serves a
 * laptop, a project page under a sub-path, or a domain of its own:
 *   SITE_URL   absolute http(s) origin (and path) of the published site; canonical URLs and the sitemap use it
 *   BASE_PATH  the path the site is served under, e.g. /runnable-zoo/ (default /)
 * Plain JS because astro.config.mjs loads it before any TypeScript tooling runs.
 */

/** @typedef {{ site: string, base: string }} Deployment */

/**
 * @param {Record<string, string | undefined>} env
 * @returns {Deployment}
 */
export function deploymentFromEnv(env) {
  const site = env.SITE_URL?.trim() || 'http://127.0.0.1:4321';
  /** @type {URL} */
  let url;
  try {
    url = new URL(site);
  } catch {
    throw new Error(`SITE_URL: expected an absolute http(s) URL such as https://example.org, got ${JSON.stringify(site)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`SITE_URL: expected an http or https URL, got ${JSON.stringify(site)}`);
  const raw = env.BASE_PATH?.trim() || '/';
  if (!/^\/(?:[A-Za-z0-9._~-]+\/?)*$/.test(raw))
    throw new Error(`BASE_PATH: expected a path starting with / made of URL-safe segments (e.g. /runnable-zoo/), got ${JSON.stringify(raw)}`);
  const base = raw.endsWith('/') ? raw : `${raw}/`;
  return { site: url.href, base };
}
