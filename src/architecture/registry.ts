import { checkedBuild } from './checked-build';
import { DefinitionError, definitionProblems } from './define';
import type { AnyArchitecture } from './types';

/** A definition module as found on disk: its path and its exports. */
export interface DefinitionModule {
  readonly path: string;
  readonly exports: Record<string, unknown>;
}

export interface Registry {
  readonly architectures: readonly AnyArchitecture[];
  get(id: string): AnyArchitecture;
  has(id: string): boolean;
  /** The source file each definition came from, for staleness checks. */
  sourceOf(id: string): string;
}

const fileId = (path: string): string => path.replace(/^.*\//, '').replace(/\.ts$/, '');

/** By UTF-16 code units, as `[].sort()` does: the same order on every machine, whatever its locale. */
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Builds the registry from discovered modules. Each must default-export a definition whose id equals
 * its file name; all violations are collected and reported together. The registry's definitions
 * build through `checkedBuild`, so every consumer (CLI, site, tests) gets bad configs and broken
 * builds named by architecture, config and field.
 */
export function createRegistry(modules: readonly DefinitionModule[]): Registry {
  const problems: string[] = [];
  const byId = new Map<string, { definition: AnyArchitecture; path: string }>();
  for (const { path, exports } of [...modules].sort((a, b) => byCodeUnits(fileId(a.path), fileId(b.path)))) {
    const definition = exports.default;
    const found = definitionProblems(definition);
    if (found.length > 0) {
      problems.push(...found.map((p) => `${path}: ${p}`));
      continue;
    }
    const arch = definition as AnyArchitecture;
    if (arch.id !== fileId(path)) problems.push(`${path}: id "${arch.id}" must equal the file name "${fileId(path)}"`);
    else byId.set(arch.id, { definition: { ...arch, build: checkedBuild(arch, path) }, path });
  }
  if (problems.length > 0) throw new DefinitionError('in src/zoo', problems);

  const entry = (id: string) => {
    const found = byId.get(id);
    if (!found) throw new Error(`unknown architecture: "${id}" (known: ${[...byId.keys()].join(', ')})`);
    return found;
  };
  return {
    architectures: [...byId.values()].map((e) => e.definition),
    get: (id) => entry(id).definition,
    has: (id) => byId.has(id),
    sourceOf: (id) => entry(id).path,
  };
}
