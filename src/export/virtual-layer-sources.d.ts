/** Provided by src/export/layer-sources.plugin.mjs (in astro.config.mjs and vitest.config.ts). */
declare module 'virtual:layer-sources' {
  const sources: import('./layer-sources').LayerSources;
  export default sources;
}
