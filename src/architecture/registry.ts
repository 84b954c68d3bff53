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

/**
 * Builds the registry from discovered modules. Each must default-export a definition whose id equals
 * its file name; all violations are collected and reported together.
 */
export function createRegistry(modules: readonly DefinitionModule[]): Registry {
  const problems: string[] = [];
  const byId = new Map<string, { definition: AnyArchitecture; path: string }>();
  for (const { path, exports } of [...modules].sort((a, b) => fileId(a.path).localeCompare(fileId(b.path)))) {
    const definition = exports.default;
    const found = definitionProblems(definition);
    if (found.length > 0) {
      problems.push(...found.map((p) => `${path}: ${p}`));
      continue;
    }
    const arch = definition as AnyArchitecture;
    if (arch.id !== fileId(path)) problems.push(`${path}: id "${arch.id}" must equal the file name "${fileId(path)}"`);
    else byId.set(arch.id, { definition: arch, path });
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
