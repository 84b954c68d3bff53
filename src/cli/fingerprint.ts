import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Source folders whose every file can change how any diagram looks. */
const PIPELINE_DIRS = ['src/architecture', 'src/network', 'src/graph', 'src/views', 'src/layout', 'src/render'];
const PIPELINE_FILES = ['src/pipeline.ts'];
/** Under those folders, but reads finished SVGs instead of drawing them: editing it changes no diagram. */
const NOT_PIPELINE = new Set(['src/render/png.ts']);
/** Packages whose version can change the output. */
const PIPELINE_PACKAGES = ['@tensorflow/tfjs', 'elkjs', '@svgdotjs/svg.js', 'svgdom'];

async function filesUnder(root: string, dir: string): Promise<string[]> {
  const entries = await readdir(join(root, dir), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? filesUnder(root, `${dir}/${e.name}`) : Promise.resolve(e.name.endsWith('.ts') ? [`${dir}/${e.name}`] : []))),
  );
  return nested.flat();
}

/**
 * A digest of everything shared by all diagrams: pipeline sources and the versions of the packages
 * that draw. Combined with one definition's source it says whether that diagram can have changed.
 */
export async function pipelineDigest(root: string): Promise<string> {
  const files = [...(await Promise.all(PIPELINE_DIRS.map((d) => filesUnder(root, d)))).flat(), ...PIPELINE_FILES]
    .filter((file) => !NOT_PIPELINE.has(file))
    .sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file}\0`).update(await readFile(join(root, file))).update('\0');
  for (const name of PIPELINE_PACKAGES) {
    const manifest = JSON.parse(await readFile(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
    hash.update(`${name}@${manifest.version}\0`);
  }
  return hash.digest('hex');
}

export const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

/**
 * The inputs of one diagram file: pipeline, definition source, view, and every view the definition
 * draws. The last makes the manifest say, without loading the definition, which files a definition
 * has: an entry lost from or added to the manifest changes the view list its neighbours were
 * fingerprinted with, so the quick freshness check cannot miss it.
 */
export const diagramFingerprint = (pipeline: string, definitionSource: string, view: string, views: readonly string[]): string =>
  sha256(`${pipeline}\0${sha256(definitionSource)}\0${view}\0${[...views].sort().join(',')}`).slice(0, 16);

/** The 16-digit fingerprint of a file's bytes, as the manifest records it. */
export const contentFingerprint = (bytes: string | Buffer): string => sha256(bytes).slice(0, 16);
