/**
 * The custom layers' JavaScript as `virtual:layer-sources` provides it (src/export/layer-sources.plugin.mjs):
 * one rolldown bundle of src/network/layers/, split into top-level statements; and how the generated
 * code keeps just the statements a model's classes need.
 */

/** One top-level statement of the bundle. */
export interface SourceStatement {
  /** The project file it comes from, e.g. `src/network/layers/squash.ts`. */
  readonly file: string;
  /** Top-level names it declares (none for `tf.serialization.registerClass(X);`). */
  readonly names: readonly string[];
  /** Top-level names of the bundle it refers to (a superset: a property key of that name counts). */
  readonly uses: readonly string[];
  /** The comments before it (its JSDoc), without rolldown's region markers. */
  readonly comment: string;
  readonly code: string;
}

/** A class registered with tf.serialization.registerClass. */
export interface SourceClass {
  /** Its serialised class name (`static className`). */
  readonly className: string;
  /** The variable that holds it in the bundle. */
  readonly identifier: string;
  readonly file: string;
}

export interface LayerSources {
  readonly classes: readonly SourceClass[];
  /** In the bundle's order: whatever a statement uses comes before it. */
  readonly statements: readonly SourceStatement[];
}

/** The statements the named top-level declarations need, in the bundle's order, each once. */
export function neededStatements(sources: LayerSources, roots: readonly string[]): SourceStatement[] {
  const declaring = new Map<string, SourceStatement>();
  for (const s of sources.statements) for (const name of s.names) declaring.set(name, s);
  const keep = new Set<SourceStatement>();
  const visit = (name: string) => {
    const statement = declaring.get(name);
    if (!statement || keep.has(statement)) return;
    keep.add(statement);
    statement.uses.forEach(visit);
  };
  roots.forEach(visit);
  const kept = new Set([...keep].flatMap((s) => s.names));
  // Side effects (the registerClass calls) of what is kept, and nothing that needs what is not.
  return sources.statements.filter((s) => keep.has(s) || (s.names.length === 0 && s.uses.length > 0 && s.uses.every((u) => kept.has(u))));
}

/** The kept statements with their comments, a heading before each file's. */
export function sourceCode(statements: readonly SourceStatement[]): string {
  const out: string[] = [];
  let file = '';
  for (const s of statements) {
    if (s.file !== file) {
      out.push(`\n// ---- from ${s.file} ----`);
      file = s.file;
    }
    out.push(s.comment === '' ? s.code : `${s.comment}\n${s.code}`);
  }
  return out.join('\n');
}

