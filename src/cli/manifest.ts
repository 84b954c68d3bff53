import { readFile } from 'node:fs/promises';

/** diagrams/manifest.json: for each diagram file, the fingerprint of its inputs and of its bytes. */
export type Manifest = Record<string, { readonly inputs: string; readonly svg: string }>;

export async function readManifest(path: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return {}; // no manifest yet: every diagram counts as stale
  }
  try {
    return JSON.parse(text) as Manifest;
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${(error as Error).message}); delete it and run with --force`);
  }
}

/** Sorted keys and a trailing newline, so the manifest is as deterministic as the diagrams. */
export function formatManifest(manifest: Manifest): string {
  const sorted = Object.fromEntries(Object.keys(manifest).sort().map((k) => [k, manifest[k]]));
  return `${JSON.stringify(sorted, null, 2)}\n`;
}
