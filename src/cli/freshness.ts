import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from './args.ts';
import { contentFingerprint, diagramFingerprint, pipelineDigest } from './fingerprint.ts';
import type { Manifest } from './manifest.ts';

/** The answer of the quick check: every selected diagram is fresh, or the full check must decide why not. */
export type QuickVerdict = { readonly fresh: true; readonly files: readonly string[] } | { readonly fresh: false; readonly why: string };

/** Ids of the definitions in src/zoo, from their file names, in code-unit order (as the registry sorts). */
export async function definitionIds(root: string): Promise<string[]> {
  return (await readdir(join(root, 'src', 'zoo')))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -'.ts'.length))
    .sort();
}

/** How many unknown ids a message names: 20,000 mistyped ids must not echo back as a 290 KB message. */
const SHOWN_UNKNOWN = 5;

/** The ids a run works on: the named ones, each checked against src/zoo, or all of them. */
export function selectIds(named: readonly string[], known: readonly string[]): readonly string[] {
  const unknown = named.filter((id) => !known.includes(id));
  if (unknown.length > 0) {
    const more = unknown.length - SHOWN_UNKNOWN;
    const named = more > 0 ? `${unknown.slice(0, SHOWN_UNKNOWN).join(', ')} and ${more} more` : unknown.join(', ');
    throw new UsageError(`unknown architecture${unknown.length > 1 ? 's' : ''}: ${named} (known: ${known.join(', ')})`);
  }
  return named.length > 0 ? named : known;
}

// A view name may have a hyphen (layers-expanded).
const VIEW_FILE = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.([a-z]+(?:-[a-z]+)*)\.svg$/;

async function readBytes(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch {
    return undefined;
  }
}

/**
 * Decides freshness with node:fs and node:crypto alone, without loading a definition or the
 * pipeline: the manifest names each definition's diagram files (their fingerprints cover the list of
 * views, see diagramFingerprint), so unchanged sources and unchanged files prove them fresh. Any doubt
 * (a new definition, a changed source, an edited file, a manifest entry with no definition) is
 * handed to the full check, which loads the definitions and says exactly what is stale.
 */
export async function quickFreshness(root: string, ids: readonly string[], known: readonly string[], manifest: Manifest): Promise<QuickVerdict> {
  const filesOf = new Map<string, string[]>();
  for (const file of Object.keys(manifest)) {
    const id = VIEW_FILE.exec(file)?.[1];
    if (id === undefined || !known.includes(id)) return { fresh: false, why: `${file} has no definition` };
    filesOf.set(id, [...(filesOf.get(id) ?? []), file]);
  }
  const pipeline = await pipelineDigest(root);
  const fresh: string[] = [];
  for (const id of ids) {
    const files = (filesOf.get(id) ?? []).sort();
    if (files.length === 0) return { fresh: false, why: `${id} has no diagrams in the manifest` };
    const source = await readFile(join(root, 'src', 'zoo', `${id}.ts`), 'utf8');
    const views = files.map((file) => VIEW_FILE.exec(file)![2]!);
    for (const [i, file] of files.entries()) {
      if (manifest[file]!.inputs !== diagramFingerprint(pipeline, source, views[i]!, views)) return { fresh: false, why: `${file}: inputs changed` };
      const bytes = await readBytes(join(root, 'diagrams', file));
      if (bytes === undefined || contentFingerprint(bytes) !== manifest[file]!.svg) return { fresh: false, why: `${file}: bytes differ` };
      fresh.push(file);
    }
  }
  return { fresh: true, files: fresh };
}
