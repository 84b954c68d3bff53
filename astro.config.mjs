// @ts-check
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import { layerSources } from './src/export/layer-sources.plugin.mjs';
import { deploymentFromEnv } from './src/site/deployment.mjs';

const { site, base } = deploymentFromEnv(process.env);

/**
 * In the browser bundles only (the page's and the demo worker's), '@tensorflow/tfjs' resolves to
 * src/demos/tfjs-lean.ts (core, layers and the CPU backend). Node (build, CLI, tests) keeps the
 * full package.
 */
/** @type {import('vite').Plugin} */
const leanTfjsInBrowser = {
  name: 'runnable-zoo:lean-tfjs-in-browser',
  enforce: 'pre',
  async resolveId(id, importer, options) {
    if (id !== '@tensorflow/tfjs' || options?.ssr || importer?.endsWith('tfjs-lean.ts')) return null;
    return this.resolve(new URL('./src/demos/tfjs-lean.ts', import.meta.url).pathname, importer, { skipSelf: true });
  },
};

/**
 * In worker bundles only: the Node built-ins svgdom imports, as the small stand-ins in
 * src/site/browser-shims/, so the build's own renderer (src/render) draws in the browser's diagram
 * worker (src/live/diagram-worker.ts) exactly as it draws in Node.
 */
const BROWSER_SHIMS = { 'node:url': 'node-url.ts', url: 'node-url.ts', 'node:path': 'node-path.ts', path: 'node-path.ts' };
/** @type {import('vite').Plugin} */
const nodeShimsInWorkers = {
  name: 'runnable-zoo:node-shims-in-workers',
  enforce: 'pre',
  resolveId(id) {
    const shim = BROWSER_SHIMS[/** @type {keyof typeof BROWSER_SHIMS} */ (id)];
    return shim ? new URL(`./src/site/browser-shims/${shim}`, import.meta.url).pathname : null;
  },
};

export default defineConfig({
  vite: {
    // layerSources: virtual:layer-sources, the custom layers' JavaScript for src/export/tfjs-code.ts.
    plugins: [leanTfjsInBrowser, layerSources()],
    // Vite builds each worker as a bundle of its own, which does not see `plugins` above.
    // ES format: the demo worker is a module worker (`{ type: 'module' }` in src/demos/start.ts).
    // Comments: the page bundles drop them when minified, but worker output does not inherit that,
    // and tfjs's 767 licence headers would double the worker (1.05 MB → 0.55 MB).
    worker: { format: 'es', plugins: () => [leanTfjsInBrowser, nodeShimsInWorkers, layerSources()], rolldownOptions: { output: { comments: false } } },
  },
  site,
  base,
  server: { host: '127.0.0.1', port: 4321 },
  integrations: [
    starlight({
      title: 'Runnable Zoo',
      description: 'Neural-network architectures as runnable TensorFlow.js networks, with diagrams generated from the networks themselves.',
      // Long lines wrap instead of scrolling: a phone reader sees all of a code sample.
      expressiveCode: { defaultProps: { wrap: true } },
      customCss: ['./src/styles/theme.css', './src/styles/figures.css', './src/styles/cards.css'],
      sidebar: [
        // Starlight's autogenerate matches file paths relative to src/content/docs; our collection lives
        // in content/, which Starlight sees as `content/<dir>`. tests/browser/site.test.ts proves every
        // article is in the sidebar of every page.
        { label: 'Guides', items: [{ autogenerate: { directory: 'content/guides' } }] },
        { label: 'Architectures', items: [{ autogenerate: { directory: 'content/architectures' } }] },
        { label: 'Comparisons', items: [{ autogenerate: { directory: 'content/compare' } }] },
      ],
    }),
  ],
});
