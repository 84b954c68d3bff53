import { readFile } from 'node:fs/promises';

/** diagrams/manifest.json: for each diagram file, the fingerprint of its inputs and of its bytes. */
export type Manifest = Record<string, ManifestEntry>;

export interface ManifestEntry {
  readonly inputs: string;
  readonly svg: string;
}

/** The manifest as read: its entries, or none and the reason it could not be used. */
export interface ManifestRead {
  readonly entries: Manifest;
  /** Set when the file exists but is not a manifest: every diagram then counts as stale and the file is rewritten. */
  readonly problem?: string;
}

// The view may have a hyphen too: layers-expanded.
const DIAGRAM_FILE = /^[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z]+(?:-[a-z]+)*\.svg$/;
const FINGERPRINT = /^[0-9a-f]{16}$/;

const describe = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value);

/**
 * What is wrong with a parsed manifest, or undefined when it has the shape we write. Checked by hand
 * rather than with zod: this runs on the no-op path, which loads nothing but node:fs and node:crypto.
 */
function shapeProblem(parsed: unknown): string | undefined {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return `expected an object of diagram entries, but got ${describe(parsed)}`;
  for (const [file, entry] of Object.entries(parsed)) {
    if (!DIAGRAM_FILE.test(file)) return `"${file}": expected a diagram file name like perceptron.cells.svg`;
    const fields = typeof entry === 'object' && entry !== null ? Object.keys(entry).sort().join(',') : '';
    const { inputs, svg } = (entry ?? {}) as Partial<Record<string, unknown>>;
    if (fields !== 'inputs,svg' || typeof inputs !== 'string' || typeof svg !== 'string' || !FINGERPRINT.test(inputs) || !FINGERPRINT.test(svg))
      return `"${file}": expected { "inputs", "svg" } with 16 hex digits each, but got ${JSON.stringify(entry)}`;
  }
  return undefined;
}

/**
 * Reads the manifest. No file means no entries; a file that is empty, truncated, null or of the
 * wrong shape is reported, not thrown, and counts as no entries, so the run regenerates and repairs it.
 */
export async function readManifest(path: string): Promise<ManifestRead> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: {} };
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { entries: {}, problem: text.trim() === '' ? 'empty' : `not valid JSON (${(error as Error).message})` };
  }
  const problem = shapeProblem(parsed);
  return problem ? { entries: {}, problem } : { entries: parsed as Manifest };
}

/** Sorted keys and a trailing newline, so the manifest is as deterministic as the diagrams. */
export function formatManifest(manifest: Manifest): string {
  const sorted = Object.fromEntries(
    Object.keys(manifest)
      .sort()
      .map((k) => [k, { inputs: manifest[k]!.inputs, svg: manifest[k]!.svg }]),
  );
  return `${JSON.stringify(sorted, null, 2)}\n`;
}
