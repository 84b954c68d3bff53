// @ts-check
/**
 * `virtual:layer-sources`: the JavaScript of the custom layers in src/network/layers/, for the "Use
 * this network" code (src/export/tfjs-code.ts), which pastes the classes a model uses into the module
 * it writes.
 *
 * A Vite plugin, not a generated file: Vite (the site, the demo worker) and vitest both ask it for the
 * module, and it bundles the sources as they are at that moment, so the code shown can never lag
 * behind the layers that run (a committed generated file would need a freshness check, and a step
 * someone can forget, as diagrams/manifest.json does).
 *
 * Every file of src/network/layers/ goes into ONE rolldown bundle (Vite's bundler, already installed),
 * with whatever it imports from the project, `@tensorflow/tfjs` left external, types stripped, not
 * minified, comments kept. One bundle, so rolldown gives two files' private helpers of one name
 * (`shapeOf` in four of them) distinct names, and a helper two files share (squash, createRandom)
 * appears once. The bundle is then split into top-level statements, each with the names it declares
 * and the top-level names it uses, so the generator can keep just what a model's classes need.
 *
 * Plain JS because astro.config.mjs loads it before any TypeScript tooling runs.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';
import { parseAst } from 'rolldown/parseAst';

/** @typedef {import('./layer-sources').LayerSources} LayerSources */
/** @typedef {import('./layer-sources').SourceStatement} SourceStatement */

export const LAYER_SOURCES_ID = 'virtual:layer-sources';
const RESOLVED_ID = `\0${LAYER_SOURCES_ID}`;
const ENTRY_ID = '\0runnable-zoo:all-layers';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LAYERS_DIR = join(ROOT, 'src', 'network', 'layers');
const TFJS_IMPORT = 'import * as tf from "@tensorflow/tfjs";';
/** rolldown's marker before each module's statements: `//#region src/…` (or `// src/…`), `//#endregion`. */
const REGION = /^\/\/(?:#region)? ?(src\/\S+\.ts)$/;

/** @param {any} node @returns {string[]} the names a top-level statement declares */
function declaredNames(node) {
  if (node.type === 'VariableDeclaration')
    return node.declarations.flatMap((/** @type {any} */ d) => (d.id.type === 'Identifier' ? [d.id.name] : []));
  if ((node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration') && node.id) return [node.id.name];
  return [];
}

/** @param {any} node @param {Set<string>} into every identifier under `node` */
function collectIdentifiers(node, into) {
  if (Array.isArray(node)) for (const child of node) collectIdentifiers(child, into);
  else if (node && typeof node === 'object') {
    if (node.type === 'Identifier') into.add(node.name);
    for (const key in node) if (key !== 'type' && key !== 'start' && key !== 'end') collectIdentifiers(node[key], into);
  }
}

/**
 * The bundle as statements. Its only import must be `import * as tf from "@tensorflow/tfjs"` (the
 * generated module's own first line). `uses` over-approximates (a property key named like a helper
 * counts), which can only keep a statement more, never drop one a class needs.
 * @param {string} code rolldown's output
 * @returns {LayerSources}
 */
export function splitBundle(code) {
  const program = /** @type {any} */ (parseAst(code, { sourceType: 'module' }));
  const nodes = /** @type {any[]} */ (program.body);
  const topLevel = new Set(nodes.flatMap(declaredNames));
  /** @type {SourceStatement[]} */
  const statements = [];
  let previousEnd = 0;
  let file = '';
  for (const node of nodes) {
    const between = code.slice(previousEnd, node.start).split('\n').map((line) => line.trim());
    const text = code.slice(node.start, node.end);
    previousEnd = node.end;
    for (const line of between) file = REGION.exec(line)?.[1] ?? file;
    const comment = between.filter((line) => line !== '' && !REGION.test(line) && line !== '//#endregion').join('\n');
    if (node.type === 'ImportDeclaration') {
      if (text !== TFJS_IMPORT) throw new Error(`layer sources: the generated code imports only '${TFJS_IMPORT}', but the bundle has '${text}'`);
      continue;
    }
    if (node.type.startsWith('Export')) throw new Error(`layer sources: unexpected export in the bundle: "${text.slice(0, 60)}"`);
    const names = declaredNames(node);
    const identifiers = new Set();
    collectIdentifiers(node, identifiers);
    const uses = [...identifiers].filter((name) => topLevel.has(name) && !names.includes(name)).sort();
    statements.push({ file, names, uses, comment: comment.replace(/^\*/gm, ' *'), code: text });
  }
  const classes = statements.flatMap(({ code: text, file: from }) => {
    const registered = /^tf\.serialization\.registerClass\(([\w$]+)\);$/.exec(text)?.[1];
    if (!registered) return [];
    const declaration = statements.find((s) => s.names.includes(registered));
    const className = declaration && /\bstatic className = "([^"]+)"/.exec(declaration.code)?.[1];
    if (!className) throw new Error(`${from}: registers ${registered}, but its declaration has no "static className"`);
    return [{ className, identifier: registered, file: from }];
  });
  return { classes, statements };
}

/**
 * Every file of src/network/layers/ in one bundle, split into statements; and the files it was made
 * from (for the plugin to watch).
 * @returns {Promise<{ sources: LayerSources, moduleIds: string[] }>}
 */
export async function bundleLayerSources() {
  const files = (await readdir(LAYERS_DIR)).filter((f) => f.endsWith('.ts')).sort();
  const entry = files.map((f) => `import ${JSON.stringify(join(LAYERS_DIR, f))};`).join('\n');
  const bundle = await rolldown({
    input: ENTRY_ID,
    external: ['@tensorflow/tfjs'],
    // Everything is kept here; the generator keeps what a model's classes use, statement by statement.
    treeshake: false,
    logLevel: 'silent',
    plugins: [{ name: 'runnable-zoo:all-layers-entry', resolveId: (id) => (id === ENTRY_ID ? id : null), load: (id) => (id === ENTRY_ID ? entry : null) }],
  });
  try {
    const { output } = await bundle.generate({ format: 'esm', minify: false });
    const chunk = output[0];
    return { sources: splitBundle(chunk.code), moduleIds: chunk.moduleIds.filter((id) => !id.startsWith('\0')) };
  } finally {
    await bundle.close();
  }
}

/** @returns {import('vite').Plugin} */
export function layerSources() {
  return {
    name: 'runnable-zoo:layer-sources',
    resolveId: (id) => (id === LAYER_SOURCES_ID ? RESOLVED_ID : null),
    async load(id) {
      if (id !== RESOLVED_ID) return null;
      const { sources, moduleIds } = await bundleLayerSources();
      this.addWatchFile(LAYERS_DIR);
      for (const moduleId of moduleIds) this.addWatchFile(moduleId);
      return `/** src/network/layers/ as JavaScript statements, from src/export/layer-sources.plugin.mjs. */\nexport default ${JSON.stringify(sources)};\n`;
    },
  };
}
